package com.campaignsender.send;

import java.util.Optional;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.reconcile.InDoubtResolver;
import com.campaignsender.reconcile.RunReconciliation;
import com.campaignsender.reconcile.StatusReconciler;

/**
 * The settle step (SPEC section 7), after every send pass: looks for the messages of unanswered
 * requests at the provider. Those provably never created are PENDING again and it answers
 * {@link CampaignJobConfiguration#SEND_AGAIN} for another pass; when the rows left wait for their
 * send window it answers {@link CampaignJobConfiguration#WAIT_FOR_WINDOW}. A dry run has nothing to settle.
 */
@Component
@JobScope
class Settlement implements Tasklet {

    private final RunContext run;
    private final CampaignRuns runs;
    private final InDoubtResolver resolver;
    private final RunReconciliation reconciliation;
    private final SendWindowWait window;

    Settlement(RunContext run, CampaignRuns runs, InDoubtResolver resolver, RunReconciliation reconciliation,
            SendWindowWait window) {
        this.run = run;
        this.runs = runs;
        this.resolver = resolver;
        this.reconciliation = reconciliation;
        this.window = window;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        if (run.dryRun()) {
            return RepeatStatus.FINISHED;
        }
        InDoubtResolver.Settled settled = resolver.resolve(run.runId(),
                StatusReconciler.listingStart(runs.find(run.runId()).orElseThrow()), reconciliation.horizon().providerClock(),
                new InDoubtResolver.Search(run.gateway(), run.definition().provider(), row -> run.renderer().process(row).request(),
                        run.limits().maxAttempts(), run.definition().reconcile().concurrency(),
                        run.definition().reconcile().timeout(), run.lateCreateGrace()));
        reconciliation.watch(settled.foundInFlight());
        // PENDING rows are either due again (their request was provably never made) or waiting for their window.
        Optional<CampaignRun.Waiting> waiting = window.waiting();
        if (settled.pending() > waiting.map(CampaignRun.Waiting::rows).orElse(0)) {
            contribution.setExitStatus(new ExitStatus(CampaignJobConfiguration.SEND_AGAIN));
        }
        else if (waiting.isPresent()) {
            contribution.setExitStatus(new ExitStatus(CampaignJobConfiguration.WAIT_FOR_WINDOW));
        }
        return RepeatStatus.FINISHED;
    }
}
