package com.campaignsender.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.operate.CampaignPreview;
import com.campaignsender.gateway.SendRequest;

/**
 * {@code preview <job.yml> [--rows N] [--out DIR]}: the first rendered messages, and totals over
 * the whole list (for SMS the segments, and a cost estimate when a price is given).
 */
@Command(name = "preview", description = "Render the first recipients' messages and count the whole list; sends nothing.")
class PreviewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CampaignOptions campaign;

    @Option(names = "--rows", defaultValue = "3", paramLabel = "N", description = "how many rows to show (default ${DEFAULT-VALUE})")
    private int rows;

    @Option(names = "--out", paramLabel = "DIR", description = "write each shown message to files in DIR instead")
    private Path out;

    @Option(names = "--price-per-segment", paramLabel = "AMOUNT", description = "SMS price per segment, for a cost estimate")
    private BigDecimal pricePerSegment;

    private final CampaignPreview preview;

    PreviewCommand(CampaignPreview preview) {
        this.preview = preview;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        CampaignPreview.Totals totals;
        try {
            if (out != null) {
                Files.createDirectories(out);
            }
            totals = preview.preview(campaign.definition, campaign.recipients(), rows,
                    row -> show(printer, row));
        }
        catch (InvalidDefinitionException ex) {
            return Problems.print(spec.commandLine().getErr(), "invalid", ex);
        }
        printer.printf("Whole list: %d rows, %d would be sent, %d would be rejected (duplicates and suppressed "
                + "addresses are found by a run).%n", totals.rows(), totals.sendable(), totals.rejected());
        if (totals.segments() > 0) {
            printer.printf("SMS segments: %d in all, %.2f per message.%n", totals.segments(),
                    totals.sendable() == 0 ? 0.0 : (double) totals.segments() / totals.sendable());
            if (pricePerSegment != null) {
                printer.println("Estimated cost: " + pricePerSegment.multiply(BigDecimal.valueOf(totals.segments()))
                        .setScale(2, RoundingMode.HALF_UP));
            }
        }
        printer.flush();
        return ExitCodes.OK;
    }

    private void show(PrintWriter printer, CampaignPreview.Row row) {
        if (row.rejection() != null) {
            printer.printf("Row %d (%s): would be REJECTED: %s%n%n", row.row(), row.address(), row.rejection());
            return;
        }
        SendRequest message = row.message();
        if (out != null) {
            write("row-" + row.row() + ".subject.txt", message.subject() == null ? null : message.subject() + "\n");
            write("row-" + row.row() + ".html", message.html());
            write("row-" + row.row() + ".txt", message.text());
            printer.printf("Row %d (%s): written to %s%n", row.row(), row.address(), out);
            return;
        }
        printer.printf("Row %d to %s%n", row.row(), row.address());
        if (message.subject() != null) {
            printer.println("Subject: " + message.subject().strip());
        }
        if (message.unsubscribeUrl() != null) {
            printer.println("Unsubscribe link: " + message.unsubscribeUrl() + " (a preview's link unsubscribes nobody)");
        }
        if (message.html() != null) {
            printer.println("--- html ---");
            printer.println(message.html().strip());
        }
        if (message.text() != null) {
            printer.println("--- text ---");
            printer.println(message.text().strip());
        }
        if (row.segments() != null) {
            printer.printf("--- %d segment(s), %s, %d characters counted ---%n", row.segments().segments(),
                    row.segments().encoding(), row.segments().units());
        }
        printer.println();
    }

    private void write(String name, String content) {
        if (content != null) {
            try {
                Files.writeString(out.resolve(name), content);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
