package com.campaignsender.send;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.account.Pace;
import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.RowRange;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.reconcile.CreationHorizon;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.system.ShutdownSignal;
import com.campaignsender.template.TemplateCompiler;

/**
 * Builds the chunk step that sends a run's PENDING rows within a range: the whole run in one
 * process (the job's {@code sendStep}), or one partition of it in a cluster's worker
 * ({@link SendPartitionStep}). Either way the same reader, renderer and writer, so that a
 * worker sends exactly as a single process does.
 */
@Component
class SendStepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final CampaignSnapshots snapshots;
    private final TemplateCompiler templates;
    private final ProviderRegistry providers;
    private final ProviderAccounts accounts;
    private final SendingLedger ledger;
    private final LedgerReadings readings;
    private final CampaignRuns runs;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ShutdownSignal shutdown;
    private final UnsubscribeLinks links;
    private final CampaignMeters meters;

    SendStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, CampaignSnapshots snapshots,
            TemplateCompiler templates, ProviderRegistry providers, ProviderAccounts accounts, SendingLedger ledger, LedgerReadings readings, CampaignRuns runs,
            TransactionTemplate ownTransaction, Clock clock, ShutdownSignal shutdown, UnsubscribeLinks links,
            CampaignMeters meters) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.snapshots = snapshots;
        this.templates = templates;
        this.providers = providers;
        this.accounts = accounts;
        this.ledger = ledger;
        this.readings = readings;
        this.runs = runs;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.shutdown = shutdown;
        this.links = links;
        this.meters = meters;
    }

    /**
     * The job's send step over the whole run, in this process: its sending feeds the run's
     * {@code horizon}, {@code beforeStep} runs as it starts, and a stop of the process ends it
     * at its next chunk, to be resumed.
     */
    Step wholeRun(String name, RunParameters run, CreationHorizon horizon, Runnable beforeStep) {
        CampaignDefinition definition = snapshots.definition(run.runId(), run.definition());
        return build(name, run, definition, RowRange.ALL, horizon, beforeStep, shutdown::checkpoint,
                new CampaignPace(definition.limits()));
    }

    /**
     * A cluster's partition of the run: the campaign's {@code limits.rate} is shared with the
     * other workers through the database, and {@code atStop} runs where a stop of the process
     * finds it (see {@link SendWriter}). What it sends is read by the manager after sending.
     */
    Step partition(String name, RunParameters run, RowRange range, Runnable atStop) {
        CampaignDefinition definition = snapshots.definition(run.runId(), run.definition());
        Limits limits = definition.limits();
        return build(name, run, definition, range, new CreationHorizon(clock), () -> { }, atStop,
                accounts.sharedPace("run " + run.runId(), limits.rate(), limits.burst()));
    }

    private Step build(String name, RunParameters run, CampaignDefinition definition, RowRange range,
            CreationHorizon horizon, Runnable beforeStep, Runnable atStop, Pace pace) {
        Limits limits = definition.limits();
        // A dry run sends nothing, so it has no hours to keep: every row is rendered at once.
        RecipientToSendReader reader = new RecipientToSendReader(run.runId(), range, limits.chunk(), ledger,
                new SendWindowGate(run.dryRun() ? Optional.empty() : definition.sendWindow(), clock));
        return new StepBuilder(name, jobRepository)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        beforeStep.run();
                    }
                })
                .<RecipientToSend, OutgoingMessage>chunk(limits.chunk())
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(new MessageRenderer(definition, run.runId(), templates.compile(definition.template(), snapshots.files(run.runId())), links))
                .writer(run.dryRun() ? new DryRunWriter(run.runId(), definition.channel(), ledger, ownTransaction)
                        : sendWriter(run, range, definition, reader, horizon, atStop, pace))
                .listener(new StepTimer(run.runId()))
                .listener(new ProgressReporter(run.runId(), readings, clock,
                        () -> accounts.of(definition.provider()).unavailable().map(ProviderAccount.Unavailable::describe),
                        meters.rowsWaiting(definition.name())))
                .allowStartIfComplete(true)
                .build();
    }

    private SendWriter sendWriter(RunParameters run, RowRange range, CampaignDefinition definition,
            RecipientToSendReader reader, CreationHorizon horizon, Runnable atStop, Pace pace) {
        Limits limits = definition.limits();
        MessageGateway gateway = providers.account(definition.provider()).gateway(definition.channel(),
                CampaignEnvelope.of(definition, snapshots.files(run.runId())));
        RunControlWatch control = new RunControlWatch(run.runId(), runs, clock);
        MessageSender sender = new MessageSender(gateway, pace, accounts.of(definition.provider()),
                new FailureWindow(limits.errorThreshold()), limits.maxAttempts(), limits.outageTimeout(),
                () -> shutdown.requested() || control.askedRecently(), clock, horizon,
                meters.sending(run.runId(), gateway.account(), definition.channel().name().toLowerCase(Locale.ROOT)));
        return new SendWriter(run.runId(), range, gateway.account(), sender, control, limits.concurrency(), ledger, runs,
                ownTransaction, clock, shutdown, reader::finished, horizon, atStop);
    }
}
