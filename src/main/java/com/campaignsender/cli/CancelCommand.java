package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunControls;

/** {@code cancel <run-id>} (SPEC section 13), recorded in the database for whichever process sends the run. */
@Command(name = "cancel", description = "Cancel a run: nothing more is sent; the rows never sent are reported CANCELLED.")
class CancelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "the run, as `runs` lists it")
    private long runId;

    private final RunControls controls;
    private final CampaignRunner runner;

    CancelCommand(RunControls controls, CampaignRunner runner) {
        this.controls = controls;
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        return RunControlPrinter.ask(controls, runner, runId, RunControls.Action.CANCEL, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
