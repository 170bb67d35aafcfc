package com.campaignsender.send;

import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.ListLoading;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.reconcile.DiscrepancyFinder;
import com.campaignsender.reconcile.RunReconciliation;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.CsvRow;
import com.campaignsender.recipients.RecipientClassifier;
import com.campaignsender.recipients.RecipientCsvReader;
import com.campaignsender.recipients.RecipientLedgerWriter;
import com.campaignsender.recipients.RecipientZones;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.system.ShutdownSignal;

/**
 * The campaign job, whole (SPEC section 6): validate -> load -> send -> settle -> reconcile -> report.
 * The send and settle steps, which loop, are in {@link SendStepsConfiguration}.
 * Steps are job-scoped because their shape (chunk size, provider, templates) comes from the
 * campaign definition named in the job parameters. A restarted run skips validate and load when
 * it finished them, and runs every step from send on again: whatever an earlier execution did, the
 * next one sends what is pending, settles what is in doubt, reconciles and reports afresh.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJobConfiguration {

    public static final String JOB_NAME = "campaignJob";
    /** The settle step's exit status when rows are PENDING again: another send pass follows. */
    static final String SEND_AGAIN = "SEND_AGAIN";
    /** ... or when the rows left wait for their send window: the send-window step waits for it, then sending goes on. */
    static final String WAIT_FOR_WINDOW = "WAIT_FOR_WINDOW";
    /** Loading is local work only: large chunks keep the ledger inserts few. */
    private static final int LOAD_CHUNK = 500;

    /**
     * Sending loops: after each send pass, the settle step looks for the messages of unanswered
     * requests at the provider; those provably never created are PENDING again and go out in
     * another pass (each row at most {@code limits.max-attempts} requests in all).
     */
    @Bean
    Job campaignJob(JobRepository jobRepository, Step validateStep, Step loadStep, Step sendStep, Step settleStep,
            Step sendWindowStep, Step reconcileStep, Step reportStep, CampaignRuns runs, ShutdownSignal shutdown) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runStatusListener(runs, shutdown))
                .start(validateStep)
                .next(loadStep)
                .next(sendStep)
                .next(settleStep)
                .on(SEND_AGAIN).to(sendStep)
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

    @Bean
    @JobScope
    Step validateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Value("#{jobExecution}") JobExecution execution, CampaignSnapshots snapshots, CampaignPreflight preflight) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        return new StepBuilder("validateStep", jobRepository).tasklet((contribution, context) -> {
            preflight.check(snapshots.definition(run.runId(), run.definition()), run.recipients(), snapshots.files(run.runId()));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    @JobScope
    Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Value("#{jobExecution}") JobExecution execution, CampaignSnapshots snapshots, ListLoading ledger,
            SuppressionList suppression, CampaignRuns runs) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        CampaignDefinition definition = snapshots.definition(run.runId(), run.definition());
        RecipientCsvReader reader = new RecipientCsvReader(run.recipients(), definition.recipients().separator());
        AddressRules rules = new AddressRules(definition.channel(), definition.recipients().defaultRegion());
        return new StepBuilder("loadStep", jobRepository)
                .<CsvRow, NewRecipient>chunk(LOAD_CHUNK)
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(new RecipientClassifier(definition.recipients().addressColumn(), rules,
                        RecipientZones.of(definition.sendWindow())))
                .writer(new RecipientLedgerWriter(run.runId(), ledger, suppression))
                .listener(new StepTimer(run.runId()))
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
                            runs.recordRowsIn(run.runId(), reader.rowsRead());
                        }
                        return stepExecution.getExitStatus();
                    }
                })
                .build();
    }

    @Bean
    @JobScope
    Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Value("#{jobExecution}") JobExecution execution, RunReconciliation reconciliation) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        return new StepBuilder("reconcileStep", jobRepository).tasklet((contribution, context) -> {
            if (run.dryRun()) {
                return RepeatStatus.FINISHED;
            }
            reconciliation.finish();
            return RepeatStatus.FINISHED;
        }, transactionManager).allowStartIfComplete(true).build();
    }

    @Bean
    @JobScope
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Value("#{jobExecution}") JobExecution execution, CampaignSnapshots snapshots, CampaignRuns runs,
            DiscrepancyFinder discrepancies, ReportWriter reports, RunCompletion completion) {
        RunParameters run = RunParameters.from(execution.getJobParameters());
        return new StepBuilder("reportStep", jobRepository).tasklet((contribution, context) -> {
            CampaignRun campaignRun = runs.find(run.runId()).orElseThrow();
            reports.write(campaignRun, run.dryRun() ? List.of() : discrepancies.find(campaignRun, snapshots.definition(run.runId(), run.definition())));
            if (!run.dryRun()) {
                completion.check(run.runId());
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).allowStartIfComplete(true).build();
    }

    /**
     * Mirrors the job's end into {@code campaign_run}, which the commands and reports read: a job
     * that ended without completing while the process was stopping is STOPPED, for {@code serve}
     * to resume when it starts again; what an operator asked (pause, cancel) decides the rest.
     */
    private static JobExecutionListener runStatusListener(CampaignRuns runs, ShutdownSignal shutdown) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution jobExecution) {
                runs.updateStatus(RunParameters.from(jobExecution.getJobParameters()).runId(), RunStatus.RUNNING);
            }

            /**
             * A cancelled run is CANCELLED however its job ended (what it sent is reconciled by
             * {@code reconcile} if the job could not); a paused one is PAUSED, and its pause obeyed.
             */
            @Override
            public void afterJob(JobExecution jobExecution) {
                long runId = RunParameters.from(jobExecution.getJobParameters()).runId();
                Optional<RunControl> asked = runs.control(runId);
                boolean completed = jobExecution.getStatus() == BatchStatus.COMPLETED;
                RunStatus status = asked.equals(Optional.of(RunControl.CANCEL)) ? RunStatus.CANCELLED
                        : completed ? RunStatus.COMPLETED
                        : asked.equals(Optional.of(RunControl.PAUSE)) ? RunStatus.PAUSED
                        : shutdown.requested() || jobExecution.getStatus() == BatchStatus.STOPPED ? RunStatus.STOPPED
                        : RunStatus.FAILED;
                runs.updateStatus(runId, status);
                runs.clearPause(runId);
            }
        };
    }
}
