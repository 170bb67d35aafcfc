package com.campaignsender.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.campaignsender.operate.CampaignReconciliation;
import com.campaignsender.operate.RunOutcome;

/** {@code reconcile <run-id>}: polls the provider again for late statuses and rewrites the run's report. */
@Command(name = "reconcile", description = "Poll the provider again for a run's late statuses and rewrite its report.")
class ReconcileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<run-id>", description = "the run, as `runs` lists it")
    private long runId;

    private final CampaignReconciliation reconciliation;

    ReconcileCommand(CampaignReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Override
    public Integer call() throws Exception {
        RunOutcome outcome = reconciliation.reconcile(runId);
        if (outcome == null) {
            spec.commandLine().getErr().println("No run " + runId + "; `runs` lists them.");
            return ExitCodes.REFUSED;
        }
        SummaryPrinter.print(spec.commandLine().getOut(), outcome);
        return ExitCodes.OK;
    }
}
