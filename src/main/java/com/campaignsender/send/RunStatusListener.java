package com.campaignsender.send;

import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.system.ShutdownSignal;

/**
 * Mirrors the job's end into {@code campaign_run}, which the commands and reports read: a job
 * that ended without completing while the process was stopping is STOPPED, for {@code serve}
 * to resume when it starts again; what an operator asked (pause, cancel) decides the rest.
 */
class RunStatusListener implements JobExecutionListener {

    private final CampaignRuns runs;
    private final ShutdownSignal shutdown;

    RunStatusListener(CampaignRuns runs, ShutdownSignal shutdown) {
        this.runs = runs;
        this.shutdown = shutdown;
    }

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
                // stopped at the review gate, its list loaded: it waits for an operator's Send
                : stoppedForReview(jobExecution, runId) ? RunStatus.READY
                : shutdown.requested() || jobExecution.getStatus() == BatchStatus.STOPPED ? RunStatus.STOPPED
                : RunStatus.FAILED;
        runs.updateStatus(runId, status);
        runs.clearPause(runId);
    }

    /** Stopped by the review gate, not by the process stopping mid-load: the whole list is loaded. */
    private boolean stoppedForReview(JobExecution jobExecution, long runId) {
        return jobExecution.getStatus() == BatchStatus.STOPPED && !shutdown.requested() && runs.awaitsReview(runId)
                && runs.find(runId).flatMap(CampaignRun::rowsIn).isPresent();
    }
}
