package com.campaignsender.send;

import java.time.Clock;
import java.util.Optional;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.reconcile.CreationHorizon;
import com.campaignsender.recipients.LoadProgress;
import com.campaignsender.system.ShutdownSignal;

/**
 * Builds the chunk step that sends a run's PENDING rows within a range: the whole run in one
 * process (the job's {@code sendStep}), or one partition of it in a cluster's worker
 * ({@link SendPartitionStep}). Either way the same reader, renderer and writer, from the run's
 * {@link RunContext}, so that a worker sends exactly as a single process does.
 */
@Component
class SendStepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final SendingLedger ledger;
    private final LedgerReadings readings;
    private final CampaignRuns runs;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ShutdownSignal shutdown;
    private final CampaignMeters meters;

    SendStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, SendingLedger ledger,
            LedgerReadings readings, CampaignRuns runs, TransactionTemplate ownTransaction, Clock clock,
            ShutdownSignal shutdown, CampaignMeters meters) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.ledger = ledger;
        this.readings = readings;
        this.runs = runs;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.shutdown = shutdown;
        this.meters = meters;
    }

    /**
     * The job's send step over the whole run, in this process: its sending feeds the run's
     * {@code horizon}, {@code beforeStep} runs as it starts, and a stop of the process ends it
     * at its next chunk, to be resumed.
     */
    Step wholeRun(String name, RunContext run, LoadProgress load, CreationHorizon horizon, Runnable beforeStep) {
        return build(name, run, RowRange.ALL, load, horizon, beforeStep, shutdown::checkpoint);
    }

    /**
     * A cluster's partition of the run, {@code atStop} run where a stop of the process finds it
     * (see {@link SendWriter}), {@code atEnd} told how it ended. What it sends is read by the manager after sending.
     */
    Step partition(String name, RunContext run, RowRange range, Runnable atStop, StepExecutionListener atEnd) {
        return build(name, run, range, LoadProgress.loaded(), new CreationHorizon(clock), () -> { }, atStop, atEnd);
    }

    private Step build(String name, RunContext run, RowRange range, LoadProgress load, CreationHorizon horizon, Runnable beforeStep,
            Runnable atStop, StepExecutionListener... more) {
        Limits limits = run.limits();
        // A dry run sends nothing, so it has no hours to keep: every row is rendered at once.
        RecipientToSendReader reader = new RecipientToSendReader(run.runId(), range, limits.chunk(), ledger,
                new SendWindowGate(run.dryRun() ? Optional.empty() : run.definition().sendWindow(), clock), load);
        StepBuilder builder = new StepBuilder(name, jobRepository);
        for (StepExecutionListener listener : more) {
            builder.listener(listener);
        }
        return builder
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        beforeStep.run();
                    }
                })
                .<RecipientToSend, OutgoingMessage>chunk(limits.chunk())
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(run.renderer())
                .writer(run.dryRun() ? new DryRunWriter(run.runId(), run.definition().channel(), ledger, ownTransaction)
                        : sendWriter(run, range, reader, horizon, atStop))
                .listener(new StepTimer(run.runId()))
                .listener(new ProgressReporter(run.runId(), run.dryRun(), readings, clock,
                        () -> run.account().unavailable().map(ProviderAccount.Unavailable::describe),
                        meters.rowsWaiting(run.definition().name()), load))
                .allowStartIfComplete(true)
                .build();
    }

    private SendWriter sendWriter(RunContext run, RowRange range, RecipientToSendReader reader, CreationHorizon horizon,
            Runnable atStop) {
        Limits limits = run.limits();
        RunControlWatch control = new RunControlWatch(run.runId(), runs, clock);
        MessageSender sender = new MessageSender(run.gateway(), run.pace(), run.account(),
                new FailureWindow(limits.errorThreshold()), limits.maxAttempts(), limits.outageTimeout(),
                () -> shutdown.requested() || control.askedRecently(), clock, horizon,
                meters.sending(run.runId(), run.gateway().account(), run.channelName()));
        return new SendWriter(run.runId(), range, run.gateway().account(), sender, control, limits.concurrency(), ledger,
                runs, ownTransaction, clock, shutdown, reader::finished, horizon, atStop);
    }
}
