package com.campaignsender.cli;

import picocli.CommandLine.Command;

/** The top of the command line; each subcommand is one class. */
@Command(name = "campaign-sender", mixinStandardHelpOptions = true, version = "campaign-sender 0.1.0",
        description = "Sends personalised email and SMS campaigns from CSV lists and reports on every recipient.",
        subcommands = { RunCommand.class, ValidateCommand.class, PreviewCommand.class, ReconcileCommand.class, ServeCommand.class,
                RunsCommand.class, PauseCommand.class, ResumeCommand.class, CancelCommand.class, SuppressCommand.class,
                SandboxCommand.class })
class CampaignCommand {
}
