package com.campaignsender.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.reconcile.Discrepancy;

/**
 * {@code report.html}: the one page a person reads about a run. Self-contained (inline CSS and
 * SVG, no script, no external asset), so that it opens from a mail attachment or a file share.
 * Everything it shows from the run is escaped by the template's HTML output format.
 */
public final class ReportPage {

    private static final int TIMELINE_BARS = 40;
    private static final Map<String, String> COLOURS = Map.ofEntries(Map.entry("DELIVERED", "#2e7d32"),
            Map.entry("ACCEPTED", "#66bb6a"), Map.entry("BOUNCED", "#ef6c00"), Map.entry("FAILED", "#c62828"),
            Map.entry("EXPIRED", "#8d6e63"), Map.entry("REJECTED", "#757575"), Map.entry("IN_DOUBT", "#6a1b9a"),
            Map.entry("UNKNOWN", "#9e9d24"), Map.entry("PENDING", "#1565c0"), Map.entry("SENDING", "#0277bd"));

    private ReportPage() {
    }

    /** One bar of a chart; public because the template reads it. */
    public record Bar(String label, long count, double percent, String colour) {
    }

    /** A row the provider did not deliver, as the page lists it. */
    public record ProblemRow(int row, String address, String state, String reason) {
    }

    /** What to do about the rows of one state. */
    public record NextStep(String state, long rows, String step) {
    }

    /** The first rows the provider did not deliver (bounced, failed, expired, in doubt, unknown), and how many there are. */
    static final class ProblemRows {

        private final int shown;
        private final List<ProblemRow> first = new ArrayList<>();
        private long count;

        ProblemRows(int shown) {
            this.shown = shown;
        }

        void add(LedgerLine line) {
            count++;
            if (first.size() < shown) {
                first.add(new ProblemRow(line.row(), line.address(), line.state().name(),
                        RowReasons.reason(line.state(), line.providerStatus(), line.error())));
            }
        }
    }

    static void write(Path file, RunSummary summary, Map<String, Long> topErrors, SendingTimeline sent,
            ProblemRows problemRows, List<Discrepancy> discrepancies) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("summary", summary);
        model.put("states", states(summary));
        model.put("errors", topErrors);
        model.put("timeline", sent.bars(TIMELINE_BARS));
        model.put("problemRows", problemRows.first);
        model.put("problemCount", problemRows.count);
        model.put("nextSteps", nextSteps(summary));
        model.put("files", ReportWriter.FILES);
        model.put("discrepancies", discrepancies.stream().limit(100).toList());
        model.put("discrepancyCount", discrepancies.size());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HtmlTemplates.render("report.html.ftl", model, out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static List<Bar> states(RunSummary summary) {
        long largest = summary.states().values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        summary.states().forEach((state, count) -> {
            if (count > 0) {
                bars.add(new Bar(state, count, 100.0 * count / Math.max(1, largest), COLOURS.getOrDefault(state, "#999")));
            }
        });
        return bars;
    }

    private static List<NextStep> nextSteps(RunSummary summary) {
        List<NextStep> steps = new ArrayList<>();
        summary.states().forEach((state, rows) -> {
            String step = RowReasons.nextStep(DeliveryState.valueOf(state));
            if (rows > 0 && step != null) {
                steps.add(new NextStep(state, rows, step));
            }
        });
        return steps;
    }

}
