package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunControls;

/** {@code resume <run-id>} (SPEC section 13), recorded in the database for whichever process sends the run. */
@Command(name = "resume", description = "Resume a paused (or stopped) run here, from where it stopped, to its end.")
class ResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "the run, as `runs` lists it")
    private long runId;

    private final RunControls controls;
    private final CampaignRunner runner;

    ResumeCommand(RunControls controls, CampaignRunner runner) {
        this.controls = controls;
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return RunControlPrinter.ask(controls, runner, runId, RunControls.Action.RESUME, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
