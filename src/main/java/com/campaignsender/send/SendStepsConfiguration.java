package com.campaignsender.send;

import java.time.Clock;
import java.util.Optional;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.reconcile.InDoubtResolver;
import com.campaignsender.reconcile.RunReconciliation;
import com.campaignsender.reconcile.StatusReconciler;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.system.ShutdownSignal;
import com.campaignsender.template.TemplateCompiler;

/**
 * The two steps that send (SPEC section 7): a send pass over the PENDING rows, then the settle
 * step, which looks for the messages of unanswered requests at the provider and, when some rows
 * are PENDING again, answers {@link CampaignJobConfiguration#SEND_AGAIN} for another pass, or,
 * when the rows left wait for their send window, {@link CampaignJobConfiguration#WAIT_FOR_WINDOW}
 * for the send-window step, which waits for it to open.
 */
@Configuration(proxyBeanMethods = false)
class SendStepsConfiguration {

    /**
     * The run's reconciliation, from its first send to its report: it reads statuses behind the
     * sending, and the reconcile step finishes it. Closed when the job ends, however it ends.
     */
    @Bean
    @JobScope
    RunReconciliation runReconciliation(@Value("#{jobExecution}") JobExecution execution, CampaignSnapshots snapshots,
            CampaignRuns runs, StatusReconciler reconciler) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        return reconciler.start(runs.find(run.runId()).orElseThrow(), snapshots.definition(run.runId(), run.definition()));
    }

    /**
     * Runs again in every send pass, and on a restart, where it first turns rows left SENDING into
     * IN_DOUBT. In a cluster it is the manager step that hands the run's rows to the workers in
     * partitions (a dry run, which sends nothing, stays here).
     */
    @Bean
    @JobScope
    Step sendStep(@Value("#{jobExecution}") JobExecution execution, SendStepFactory steps,
            RunReconciliation reconciliation, Optional<PartitionedSending> cluster) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        if (cluster.isPresent() && !run.dryRun()) {
            return cluster.get().managerStep("sendStep", run.runId());
        }
        return steps.wholeRun("sendStep", run, reconciliation.horizon(),
                run.dryRun() ? () -> { } : reconciliation::startOverlapping);
    }

    @Bean
    @JobScope
    Step settleStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Value("#{jobExecution}") JobExecution execution, CampaignSnapshots snapshots, TemplateCompiler templates,
            ProviderRegistry providers, CampaignRuns runs, InDoubtResolver resolver, RunReconciliation reconciliation,
            UnsubscribeLinks links, SendingLedger ledger, ShutdownSignal shutdown, TransactionTemplate ownTransaction,
            Clock clock) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        return new StepBuilder("settleStep", jobRepository).tasklet((contribution, context) -> {
            if (run.dryRun()) {
                return RepeatStatus.FINISHED;
            }
            CampaignDefinition definition = snapshots.definition(run.runId(), run.definition());
            MessageRenderer renderer = new MessageRenderer(definition, run.runId(), templates.compile(definition.template(), snapshots.files(run.runId())),
                    links);
            InDoubtResolver.Settled settled = resolver.resolve(run.runId(),
                    StatusReconciler.listingStart(runs.find(run.runId()).orElseThrow()), reconciliation.horizon().providerClock(),
                    new InDoubtResolver.Search(providers.account(definition.provider()).gateway(definition.channel(),
                            CampaignEnvelope.sender(definition)), definition.provider(), row -> renderer.process(row).request(),
                            definition.limits().maxAttempts(), definition.reconcile().concurrency(),
                            definition.reconcile().timeout(), providers.account(definition.provider()).lateCreateGrace()));
            reconciliation.watch(settled.foundInFlight());
            // PENDING rows are either due again (their request was provably never made) or waiting for their window.
            Optional<CampaignRun.Waiting> waiting = sendWindowWait(run, definition, ledger, runs, shutdown, ownTransaction,
                    clock).waiting();
            if (settled.pending() > waiting.map(CampaignRun.Waiting::rows).orElse(0)) {
                contribution.setExitStatus(new ExitStatus(CampaignJobConfiguration.SEND_AGAIN));
            }
            else if (waiting.isPresent()) {
                contribution.setExitStatus(new ExitStatus(CampaignJobConfiguration.WAIT_FOR_WINDOW));
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).allowStartIfComplete(true).build();
    }

    /** Waits, RUNNING, until the send window of some waiting rows opens; then the job sends again. */
    @Bean
    @JobScope
    Step sendWindowStep(JobRepository jobRepository, @Value("#{jobExecution}") JobExecution execution,
            CampaignSnapshots snapshots, SendingLedger ledger, CampaignRuns runs, ShutdownSignal shutdown,
            TransactionTemplate ownTransaction, Clock clock, CampaignMeters meters) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        // No transaction around the wait: it may last a night, and its few writes commit on their own.
        return new StepBuilder("sendWindowStep", jobRepository).tasklet((contribution, context) -> {
            CampaignDefinition definition = snapshots.definition(run.runId(), run.definition());
            sendWindowWait(run, definition, ledger, runs, shutdown, ownTransaction, clock)
                    .await(meters.rowsWaiting(definition.name()));
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).allowStartIfComplete(true).build();
    }

    private static SendWindowWait sendWindowWait(RunParameters run, CampaignDefinition definition, SendingLedger ledger,
            CampaignRuns runs, ShutdownSignal shutdown, TransactionTemplate ownTransaction, Clock clock) {
        return new SendWindowWait(run.runId(), new SendWindowGate(definition.sendWindow(), clock), ledger, runs,
                new RunControlWatch(run.runId(), runs, clock), shutdown, ownTransaction, clock);
    }
}
