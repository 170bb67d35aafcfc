package com.campaignsender.operate;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Service;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.RunIdentity;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunRefusals;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.report.RunSummary;
import com.campaignsender.send.CampaignPreflight;
import com.campaignsender.send.CampaignSnapshots;
import com.campaignsender.send.RunParameters;
import com.campaignsender.system.Failures;
import com.campaignsender.system.ShutdownSignal;

/**
 * Starts, resumes or refuses one run of a campaign. The definition and list are checked before
 * anything is recorded, so a refused campaign leaves no trace and sends nothing; a list this
 * campaign already completed is refused without touching the provider.
 */
@Service
public class CampaignRunner {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final CampaignPreflight preflight;
    private final CampaignRuns runs;
    private final JobOperator jobOperator;
    private final Job campaignJob;
    private final ReportWriter reports;
    private final RunLease lease;
    private final RunRefusals refusals;
    private final ShutdownSignal shutdown;
    private final CampaignSnapshots snapshots;

    CampaignRunner(CampaignPreflight preflight, CampaignRuns runs, JobOperator jobOperator, Job campaignJob,
            ReportWriter reports, RunLease lease, RunRefusals refusals, ShutdownSignal shutdown, CampaignSnapshots snapshots) {
        this.preflight = preflight;
        this.runs = runs;
        this.jobOperator = jobOperator;
        this.campaignJob = campaignJob;
        this.reports = reports;
        this.lease = lease;
        this.refusals = refusals;
        this.shutdown = shutdown;
        this.snapshots = snapshots;
    }

    public RunOutcome run(Path definitionFile, Optional<Path> recipientsOverride) throws Exception {
        return run(definitionFile, recipientsOverride, false);
    }

    /** A dry run loads and renders every row and writes the report, and sends nothing. */
    public RunOutcome run(Path definitionFile, Optional<Path> recipientsOverride, boolean dryRun) throws Exception {
        PreparedRun prepared = prepare(definitionFile, recipientsOverride, dryRun);
        return prepared.nothingToDo() != null ? prepared.nothingToDo() : execute(prepared, "the command line");
    }

    /**
     * A run checked and recorded, ready to start (the service answers with its id before it
     * starts); or, in {@code nothingToDo}, why there is nothing to do: the list was sent (or its
     * run cancelled) before, or its run is paused.
     */
    public record PreparedRun(CampaignRun run, Path definitionFile, Path recipients, RunOutcome nothingToDo) {
    }

    /** Checks the campaign and records its run; throws {@link com.campaignsender.definition.InvalidDefinitionException} when refused. */
    public PreparedRun prepare(Path definitionAsGiven, Optional<Path> recipientsOverride, boolean dryRun) {
        return prepare(definitionAsGiven, recipientsOverride, dryRun, false);
    }

    /**
     * As {@link #prepare(Path, Optional, boolean)}; {@code holdForReview}: a run this creates waits
     * for an operator's review (SPEC section 22): its start loads and counts the list and stops,
     * READY, until Send. A run of the list that exists already keeps its own course.
     */
    public PreparedRun prepare(Path definitionAsGiven, Optional<Path> recipientsOverride, boolean dryRun,
            boolean holdForReview) {
        // Problems name the file as it was given; the run keeps it absolute, since its snapshot is
        // read by that path in processes started in other folders too (a resume elsewhere, workers).
        CampaignPreflight.Checked checked = preflight.check(definitionAsGiven, recipientsOverride);
        Path definitionFile = definitionAsGiven.toAbsolutePath().normalize();
        CampaignDefinition definition = checked.definition();
        Path recipients = checked.recipients();
        RunIdentity identity = RunIdentity.of(definition.name(), recipients);
        Optional<CampaignRun> existing = dryRun ? Optional.empty() : runs.find(identity);
        if (existing.isPresent() && existing.get().status().isFinal()) {
            CampaignRun run = existing.get();
            String ended = run.status() == RunStatus.CANCELLED ? " and was cancelled at " : " and completed at ";
            return new PreparedRun(run, definitionFile, recipients, new RunOutcome(RunOutcome.Result.ALREADY_COMPLETED,
                    run, reports.directory(run), null, "run " + run.id() + " already sent this list (sha256 "
                            + identity.recipientsSha256().substring(0, 12) + "…) to " + definition.name()
                            + ended + run.finishedAt().orElse(null) + "; nothing was sent"));
        }
        if (existing.isPresent() && existing.get().status() == RunStatus.READY) {
            // Loaded and waiting for its review: only an operator's Send starts it.
            return new PreparedRun(existing.get(), definitionFile, recipients, ready(existing.get()));
        }
        if (existing.isPresent() && existing.get().status() == RunStatus.PAUSED) {
            // An operator paused it: only a resume goes on, not a schedule, an inbox or the same list again.
            CampaignRun run = existing.get();
            return new PreparedRun(run, definitionFile, recipients, new RunOutcome(RunOutcome.Result.PAUSED, run,
                    reports.directory(run), null, "run " + run.id() + " of this list is paused; `resume " + run.id()
                            + "` (or POST /api/runs/" + run.id() + "/resume) goes on; nothing was sent"));
        }
        CampaignRun run = dryRun ? runs.createDryRun(identity, definitionFile, recipients, checked.header())
                : runs.findOrCreate(identity, definitionFile, recipients, checked.header());
        if (holdForReview && !dryRun && existing.isEmpty()) {
            runs.requireReview(run.id());
        }
        return new PreparedRun(run, definitionFile, recipients, null);
    }

    /**
     * Runs (or resumes) a prepared run to its end; {@code startedBy} says what asked for it
     * (the command line, an upload, a schedule firing...), for the record of a refused start.
     */
    public RunOutcome execute(PreparedRun prepared, String startedBy) throws Exception {
        CampaignRun run = prepared.run();
        JobParameters parameters = RunParameters.jobParameters(run, prepared.definitionFile(), prepared.recipients());
        JobExecution execution;
        try (ShutdownSignal.Work work = shutdown.enter(); RunLease.Beating beating = lease.take(run, parameters)) {
            // From here on the run reads its campaign from its snapshot, never from the disk again;
            // taken under the run's lease, so that two starts of one run cannot both take it.
            snapshots.ensure(run.id(), prepared.definitionFile());
            execution = jobOperator.start(campaignJob, parameters);
        }
        catch (RunBusyException ex) {
            return refuse(prepared, startedBy, ex.getMessage());
        }
        CampaignRun finished = runs.find(run.id()).orElseThrow();
        if (finished.status() == RunStatus.READY) {
            return ready(finished);
        }
        if (finished.status() == RunStatus.PAUSED) {
            return new RunOutcome(RunOutcome.Result.PAUSED, finished, reports.directory(finished), null,
                    "run " + run.id() + " paused, as an operator asked; `resume " + run.id() + "` goes on");
        }
        if (finished.status() == RunStatus.CANCELLED) {
            return new RunOutcome(RunOutcome.Result.CANCELLED, finished, reports.directory(finished),
                    execution.getStatus() == BatchStatus.COMPLETED ? reports.readSummary(finished) : null,
                    "run " + run.id() + " cancelled, as an operator asked; the rows never sent are CANCELLED");
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            // A stopped job says only "Job interrupted by step execution"; the step that stopped it may
            // say why, first among its failures (a step's listener puts the reason it knows first).
            // Read step by step: the job's getAllFailureExceptions() is a set, in no order.
            String cause = execution.getStepExecutions().stream().flatMap(step -> step.getFailureExceptions().stream())
                    .sorted(Comparator.comparing(failure -> failure instanceof JobInterruptedException))
                    .map(CampaignRunner::rootCause).findFirst()
                    .or(() -> execution.getFailureExceptions().stream().map(CampaignRunner::rootCause).findFirst())
                    .orElse(execution.getExitStatus().getExitDescription());
            return new RunOutcome(RunOutcome.Result.FAILED, finished, reports.directory(finished), null,
                    "run " + run.id() + " stopped: " + cause);
        }
        RunSummary summary = reports.readSummary(finished);
        return new RunOutcome(RunOutcome.Result.COMPLETED, finished, reports.directory(finished), summary, null);
    }

    private RunOutcome ready(CampaignRun run) {
        return new RunOutcome(RunOutcome.Result.READY, run, reports.directory(run), null, "run " + run.id()
                + " of this list is loaded and waits for its review; Send on its page (or POST /api/runs/" + run.id()
                + "/start) sends it; nothing was sent");
    }

    /** Runs (resumes, or takes to its cancellation) a recorded run by its id, to its end, here. */
    public RunOutcome execute(CampaignRun run, String startedBy) throws Exception {
        return execute(prepared(run), startedBy);
    }

    /** A recorded run as ready to start again: its definition and list where they were when it began. */
    public static PreparedRun prepared(CampaignRun run) {
        return new PreparedRun(run, run.definitionFile(), run.recipientsFile(), null);
    }

    /** Why the campaign cannot start a run now, if another live process is sending one of its runs. */
    public Optional<String> sendingElsewhere(String campaign) {
        return lease.sendingElsewhere(campaign);
    }

    /** Whether the run's report is written: a run sending in this process then only has its bookkeeping left. */
    public boolean reported(long runId) {
        return runs.find(runId).map(reports::written).orElse(false);
    }

    /** Whether another live process is sending this very run now. */
    public boolean sentElsewhere(CampaignRun run) {
        return lease.sentElsewhere(run);
    }

    /** Records that the run was not started, and why: a run that never started is REFUSED until it does. */
    public RunOutcome refuse(PreparedRun prepared, String startedBy, String reason) {
        CampaignRun run = prepared.run();
        refusals.record(run.id(), startedBy, reason);
        runs.markRefused(run.id());
        log.info("Run {} of {} not started ({}): {}", run.id(), run.campaign(), startedBy, reason);
        return new RunOutcome(RunOutcome.Result.REFUSED, run, reports.directory(run), null, reason);
    }

    /** Batch wraps what went wrong ("Unable to process chunk"); the user needs the innermost reason. */
    private static String rootCause(Throwable failure) {
        log.debug("Run failed", failure);
        return Failures.innermostMessage(failure);
    }
}
