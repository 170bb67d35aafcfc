package com.campaignsender.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.recipients.SuppressionImport;
import com.campaignsender.recipients.SuppressionList;

/** {@code suppress <file>}: imports addresses that no campaign may send to. */
@Command(name = "suppress", description = "Add the addresses of a file (one per line) to the suppression list.")
class SuppressCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file>", description = "one email address or phone number per line")
    private Path file;

    @Option(names = "--reason", defaultValue = "IMPORT",
            description = "IMPORT, UNSUBSCRIBE, COMPLAINT or BOUNCE (default ${DEFAULT-VALUE})")
    private SuppressionList.Reason reason;

    @Option(names = "--default-region", paramLabel = "CC", description = "region of national phone numbers, e.g. US")
    private String region;

    private final SuppressionImport imports;

    SuppressCommand(SuppressionImport imports) {
        this.imports = imports;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println(file + ": no such file");
            return ExitCodes.REFUSED;
        }
        SuppressionImport.Result result = imports.importFile(file, reason, region == null ? null : region.toUpperCase());
        spec.commandLine().getOut().printf("Suppressed %d new addresses (%d were already suppressed).%n",
                result.added(), result.alreadySuppressed());
        result.refused().forEach(line -> spec.commandLine().getErr().println("  refused " + line));
        return ExitCodes.OK;
    }
}
