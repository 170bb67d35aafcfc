package com.campaignsender.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunControls;

/**
 * The top of the command line; each subcommand is one class, but for the three run-control
 * commands, which differ only in what they ask: they are this class's methods (picocli makes
 * each annotated method a subcommand).
 */
// INHERIT: every command takes --help (and --version) too, and `help <command>` prints the same.
@Command(name = "campaign-sender", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "campaign-sender 0.1.0",
        description = "Sends personalised email and SMS campaigns from CSV lists and reports on every recipient.",
        subcommands = { RunCommand.class, ValidateCommand.class, PreviewCommand.class, ReconcileCommand.class, ServeCommand.class,
                WorkerCommand.class, RunsCommand.class, SuppressCommand.class,
                SandboxCommand.class, HelpCommand.class })
class CampaignCommand {

    private static final String RUN_ID = "the run, as `runs` lists it";

    @Spec
    private CommandSpec spec;

    private final RunControls controls;
    private final CampaignRunner runner;

    CampaignCommand(RunControls controls, CampaignRunner runner) {
        this.controls = controls;
        this.runner = runner;
    }

    @Command(name = "pause", description = "Pause a sending run after the chunk in flight; nothing goes out until it is resumed.")
    int pause(@Parameters(paramLabel = "<run-id>", description = RUN_ID) long runId) throws Exception {
        return ask(runId, RunControls.Action.PAUSE);
    }

    @Command(name = "resume", description = "Resume a paused (or stopped) run here, from where it stopped, to its end.")
    int resume(@Parameters(paramLabel = "<run-id>", description = RUN_ID) long runId) throws Exception {
        return ask(runId, RunControls.Action.RESUME);
    }

    @Command(name = "cancel", description = "Cancel a run: nothing more is sent; the rows never sent are reported CANCELLED.")
    int cancel(@Parameters(paramLabel = "<run-id>", description = RUN_ID) long runId) throws Exception {
        return ask(runId, RunControls.Action.CANCEL);
    }

    private int ask(long runId, RunControls.Action action) throws Exception {
        return RunControlPrinter.ask(controls, runner, runId, action, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
