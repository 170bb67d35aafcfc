package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunControls;

/** {@code pause <run-id>} (SPEC section 13), recorded in the database for whichever process sends the run. */
@Command(name = "pause", description = "Pause a sending run after the chunk in flight; nothing goes out until it is resumed.")
class PauseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "the run, as `runs` lists it")
    private long runId;

    private final RunControls controls;
    private final CampaignRunner runner;

    PauseCommand(RunControls controls, CampaignRunner runner) {
        this.controls = controls;
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return RunControlPrinter.ask(controls, runner, runId, RunControls.Action.PAUSE, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
