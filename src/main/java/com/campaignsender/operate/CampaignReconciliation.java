package com.campaignsender.operate;

import java.util.List;

import org.springframework.stereotype.Service;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.reconcile.DiscrepancyFinder;
import com.campaignsender.reconcile.RunReconciliation;
import com.campaignsender.reconcile.StatusReconciler;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.report.RunSummary;
import com.campaignsender.send.RunContext;
import com.campaignsender.send.RunContexts;

/**
 * {@code reconcile <run-id>}, after a run: bounces and late delivery reports arrive hours later.
 * Polls the provider again as the reconcile step does, compares again, and rewrites the report.
 */
@Service
public class CampaignReconciliation {

    private final CampaignRuns runs;
    private final RunContexts contexts;
    private final StatusReconciler reconciler;
    private final DiscrepancyFinder discrepancies;
    private final ReportWriter reports;

    CampaignReconciliation(CampaignRuns runs, RunContexts contexts, StatusReconciler reconciler,
            DiscrepancyFinder discrepancies, ReportWriter reports) {
        this.runs = runs;
        this.contexts = contexts;
        this.reconciler = reconciler;
        this.discrepancies = discrepancies;
        this.reports = reports;
    }

    /** The run's refreshed outcome, or null when there is no such run. */
    public RunOutcome reconcile(long runId) throws InterruptedException {
        CampaignRun run = runs.find(runId).orElse(null);
        if (run == null) {
            return null;
        }
        RunContext context = contexts.recorded(run);
        if (!run.dryRun()) {
            try (RunReconciliation reconciliation = reconciler.start(run, context.definition(), context.gateway())) {
                reconciliation.finish();
            }
        }
        RunSummary summary = reports.write(run, run.dryRun() ? List.of()
                : discrepancies.find(run, context.definition(), context.gateway().statusFeed()));
        return new RunOutcome(RunOutcome.Result.COMPLETED, run, reports.directory(run), summary, null);
    }
}
