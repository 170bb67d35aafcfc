package com.campaignsender.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The campaign a command works on, and the list to use instead of the definition's: shared by commands. */
class CampaignOptions {

    @Parameters(index = "0", paramLabel = "<job.yml>", description = "the campaign definition")
    Path definition;

    @Option(names = "--recipients", paramLabel = "FILE", description = "a recipient list instead of the definition's")
    private Path recipients;

    Optional<Path> recipients() {
        return Optional.ofNullable(recipients);
    }
}
