package com.campaignsender.send;

import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.ListLoading;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.reconcile.DiscrepancyFinder;
import com.campaignsender.reconcile.RunReconciliation;
import com.campaignsender.reconcile.StatusReconciler;
import com.campaignsender.recipients.CsvRow;
import com.campaignsender.recipients.LoadProgress;
import com.campaignsender.recipients.RecipientClassifier;
import com.campaignsender.recipients.RecipientCsvReader;
import com.campaignsender.recipients.RecipientLedgerWriter;
import com.campaignsender.recipients.RowsReadRecorder;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.system.ShutdownSignal;

/**
 * The campaign job, whole (SPEC section 6): validate -> load -> send -> settle -> reconcile -> report.
 * A run held for review ({@code review: true}, or an upload through the page) stops after its load,
 * READY, and its Send restarts the job at the send step ({@link #reviewGate}).
 * The first send pass runs beside the load where it can ({@link #loadOrder}): it sends the rows the
 * load has committed and waits for the next, so a long list's first message goes out within
 * seconds; dedupe and suppression are the load's, and a row is sendable only once loaded.
 * Each step is built here from the run's {@link RunContext}, made once per job execution from the
 * run's snapshot, and delegates to a class of its stage. Sending loops: after each send pass, the
 * settle step looks for the messages of unanswered requests at the provider; those provably never
 * created are PENDING again and go out in another pass (each row at most {@code limits.max-attempts}
 * requests in all). A restarted run skips validate and load when it finished them, and runs every
 * step from send on again: whatever an earlier execution did, the next one sends what is pending,
 * settles what is in doubt, reconciles and reports afresh.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJobConfiguration {

    public static final String JOB_NAME = "campaignJob";
    /** The settle step's exit status when rows are PENDING again: another send pass follows. */
    static final String SEND_AGAIN = "SEND_AGAIN";
    /** ... or when the rows left wait for their send window: the send-window step waits for it, then sending goes on. */
    static final String WAIT_FOR_WINDOW = "WAIT_FOR_WINDOW";
    /** The first send pass runs beside the load, or after it (see {@link #loadOrder}). */
    private static final String SEND_WHILE_LOADING = "SEND_WHILE_LOADING";
    private static final String LOAD_FIRST = "LOAD_FIRST";
    /** The review gate's answer for a run held for review: the job stops, READY, and Send restarts it at the send step. */
    private static final String READY = "READY";
    /** Loading is local work only: large chunks keep the ledger inserts few. */
    private static final int LOAD_CHUNK = 500;

    @Bean
    Job campaignJob(JobRepository jobRepository, Step validateStep, JobExecutionDecider loadOrder, Step loadStep,
            JobExecutionDecider reviewGate, Step sendStep, Step settleStep, Step sendWindowStep, Step reconcileStep,
            Step reportStep, CampaignRuns runs, ShutdownSignal shutdown) {
        Flow loadWhileSending = new FlowBuilder<Flow>("loadWhileSending").split(joiningTheJob(new SimpleAsyncTaskExecutor("load-and-send-")))
                .add(new FlowBuilder<Flow>("load").start(loadStep).build(), new FlowBuilder<Flow>("send").start(sendStep).build())
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new RunStatusListener(runs, shutdown))
                .start(validateStep)
                .next(loadOrder)
                .on(SEND_WHILE_LOADING).to(loadWhileSending).next(settleStep)
                .from(loadOrder).on("*").to(loadStep).next(reviewGate).on(READY).stopAndRestart(sendStep)
                .from(reviewGate).on("*").to(sendStep).next(settleStep)
                .from(settleStep).on(SEND_AGAIN).to(sendStep)
                .from(settleStep).on(WAIT_FOR_WINDOW).to(sendWindowStep)
                .from(sendWindowStep).on(ExitStatus.COMPLETED.getExitCode()).to(sendStep)
                // A wait ended by a pause or a stop of the process ends the job there, to be resumed.
                .from(sendWindowStep).on("*").fail()
                // Only a settle that settled everything goes on: "*" here once took a settle that
                // failed (a listing page the provider failed) on to the report, and the run was
                // COMPLETED with rows in doubt and rows never sent (issue 27).
                .from(settleStep).on(ExitStatus.COMPLETED.getExitCode()).to(reconcileStep)
                .from(settleStep).on("*").fail()
                .from(reconcileStep).on(ExitStatus.COMPLETED.getExitCode()).to(reportStep)
                .from(reconcileStep).on("*").fail()
                .end()
                .build();
    }

    /**
     * Whether the first send pass runs beside the load (a long list's first message goes out
     * within seconds) or after it: after it where the rows must all be known first, to cut a
     * cluster's partitions or to know the send window's zones.
     */
    @Bean
    @JobScope
    JobExecutionDecider loadOrder(RunContext run, Optional<PartitionedSending> cluster, CampaignRuns runs) {
        // A dry run sends nothing: neither partitions nor windows (see sendStep), so it always may.
        // A run held for review is loaded whole first: nothing may go out before its Send.
        boolean inTurn = !run.dryRun() && (cluster.isPresent() || run.definition().sendWindow().isPresent())
                || runs.awaitsReview(run.runId());
        return (jobExecution, stepExecution) -> new FlowExecutionStatus(inTurn ? LOAD_FIRST : SEND_WHILE_LOADING);
    }

    /**
     * After a load in turn: a run held for an operator's review stops here, its list loaded and
     * counted (the run READY, SPEC section 22); Send restarts the job at the send step.
     */
    @Bean
    @JobScope
    JobExecutionDecider reviewGate(RunContext run, CampaignRuns runs) {
        return (jobExecution, stepExecution) -> new FlowExecutionStatus(runs.awaitsReview(run.runId()) ? READY : "SEND");
    }

    /** The load as the send step sees it beside it: over from the start when an earlier execution loaded the list. */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    LoadProgress loadProgress(RunContext run, CampaignRuns runs) {
        return runs.find(run.runId()).orElseThrow().rowsIn().isPresent() ? LoadProgress.loaded() : LoadProgress.toCome();
    }

    /**
     * Spring Batch keeps a job's scope per thread: the split's threads join the execution of the
     * job that starts them, so that its job-scoped steps and their context are the job's own.
     */
    private static TaskExecutor joiningTheJob(SimpleAsyncTaskExecutor executor) {
        executor.setTaskDecorator(task -> {
            JobExecution execution = JobSynchronizationManager.getContext().getJobExecution();
            return () -> {
                JobSynchronizationManager.register(execution);
                try {
                    task.run();
                }
                finally {
                    JobSynchronizationManager.close(); // not release(): that would end the job's scope, its beans closed
                }
            };
        });
        return executor;
    }

    /** The run's world, from its snapshot: unproxied, since only the job's own beans, made within the job, use it. */
    @Bean
    @Scope(value = "job", proxyMode = ScopedProxyMode.NO)
    RunContext runContext(@Value("#{jobExecution}") JobExecution execution, RunContexts contexts) {
        return contexts.wholeRun(RunParameters.from(execution.getJobParameters()));
    }

    /**
     * The run's reconciliation, from its first send to its report: it reads statuses behind the
     * sending, and the reconcile step finishes it. Closed when the job ends, however it ends.
     */
    @Bean
    @JobScope
    RunReconciliation runReconciliation(RunContext run, CampaignRuns runs, StatusReconciler reconciler) {
        return reconciler.start(runs.find(run.runId()).orElseThrow(), run.definition(), run.gateway());
    }

    @Bean
    @JobScope
    Step validateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunContext run,
            CampaignPreflight preflight) {
        return new StepBuilder("validateStep", jobRepository).tasklet((contribution, context) -> {
            preflight.check(run.definition(), run.recipients(), run.files());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    @JobScope
    Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunContext run,
            ListLoading ledger, SuppressionList suppression, CampaignRuns runs, LoadProgress progress, ShutdownSignal shutdown,
            ProviderRegistry providers) {
        RecipientCsvReader reader = new RecipientCsvReader(run.recipients(), run.definition().recipients().separator());
        return new StepBuilder("loadStep", jobRepository)
                .<CsvRow, NewRecipient>chunk(LOAD_CHUNK)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(RecipientClassifier.of(run.definition(),
                        providers.account(run.definition().provider())::unicodeLocalPartsRefused))
                .writer(new RecipientLedgerWriter(run.runId(), ledger, suppression))
                .listener(new StepTimer(run.runId()))
                .listener(new RowsReadRecorder(run.runId(), reader, runs))
                .listener((ChunkListener<CsvRow, NewRecipient>) progress)
                // A stop of the process ends a long load between two chunks, to go on from there, as it ends the sending.
                .listener(new ChunkListener<CsvRow, NewRecipient>() {
                    @Override
                    public void beforeChunk(Chunk<CsvRow> chunk) {
                        shutdown.checkpoint();
                    }
                })
                .listener((StepExecutionListener) progress)
                .build();
    }

    /**
     * Runs again in every send pass, and on a restart, where it first turns rows left SENDING into
     * IN_DOUBT. In a cluster it is the manager step that hands the run's rows to the workers in
     * partitions (a dry run, which sends nothing, stays here).
     */
    @Bean
    @JobScope
    Step sendStep(RunContext run, SendStepFactory steps, RunReconciliation reconciliation,
            Optional<PartitionedSending> cluster, LoadProgress load) {
        if (cluster.isPresent() && !run.dryRun()) {
            return cluster.get().managerStep("sendStep", run.runId());
        }
        return steps.wholeRun("sendStep", run, load, reconciliation.horizon(),
                run.dryRun() ? () -> { } : reconciliation::startOverlapping);
    }

    @Bean
    @JobScope
    Step settleStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Settlement settlement) {
        return new StepBuilder("settleStep", jobRepository).tasklet(settlement, transactionManager)
                .allowStartIfComplete(true).build();
    }

    /** Waits, RUNNING, until the send window of some waiting rows opens; then the job sends again. */
    @Bean
    @JobScope
    Step sendWindowStep(JobRepository jobRepository, SendWindowWait window) {
        // No transaction around the wait: it may last a night, and its few writes commit on their own.
        return new StepBuilder("sendWindowStep", jobRepository).tasklet((contribution, context) -> {
            window.await();
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).allowStartIfComplete(true).build();
    }

    @Bean
    @JobScope
    Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunContext run,
            RunReconciliation reconciliation) {
        return new StepBuilder("reconcileStep", jobRepository).tasklet((contribution, context) -> {
            if (!run.dryRun()) {
                reconciliation.finish();
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).allowStartIfComplete(true).build();
    }

    @Bean
    @JobScope
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunContext run,
            CampaignRuns runs, DiscrepancyFinder discrepancies, ReportWriter reports, RunCompletion completion) {
        return new StepBuilder("reportStep", jobRepository).tasklet((contribution, context) -> {
            CampaignRun recorded = runs.find(run.runId()).orElseThrow();
            reports.write(recorded, run.dryRun() ? List.of()
                    : discrepancies.find(recorded, run.definition(), run.gateway().statusFeed()));
            if (!run.dryRun()) {
                completion.check(run.runId());
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).allowStartIfComplete(true).build();
    }
}
