package com.campaignsender.operate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunStatus;

/**
 * Pause, resume and cancel (SPEC section 13), one set of rules for the API, the web page and the
 * command line. What is asked of a sending run is recorded on it, and the process sending it
 * obeys before its next chunk, whichever instance that is; a run that nobody sends (paused,
 * stopped, failed) is started again by the one asked, to resume or to be taken to its
 * cancellation: the rows never sent recorded CANCELLED, what was sent reconciled and reported.
 */
@Service
public class RunControls {

    /** How long the asker waits to see a sending run obey, before it answers that it was asked. */
    static final Duration OBEY_WITHIN = Duration.ofSeconds(10);
    private static final Duration LOOK_EVERY = Duration.ofMillis(100);
    private static final Set<RunStatus> NOT_SENDING = EnumSet.of(RunStatus.PAUSED, RunStatus.STOPPED, RunStatus.FAILED,
            RunStatus.REFUSED);
    /** What a cancel may take to its end without a process sending it: every run neither sending nor final. */
    private static final Set<RunStatus> CANCELLABLE_AT_REST = EnumSet.complementOf(EnumSet.of(RunStatus.RUNNING,
            RunStatus.COMPLETED, RunStatus.CANCELLED));

    public enum Action {
        PAUSE, RESUME, CANCEL,
        /** An operator's Send of a READY run, after its review (SPEC section 22). */
        START
    }

    /**
     * The answer to an action: {@code accepted} false when the run's status does not allow it
     * (409); {@code start} true when the caller must now start the run; {@code run} as it is now.
     */
    public record Answer(boolean accepted, boolean start, CampaignRun run, String message) {
    }

    private final CampaignRuns runs;
    private final Clock clock;

    RunControls(CampaignRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Empty when there is no such run. */
    public Optional<Answer> ask(long runId, Action action) {
        return runs.find(runId).map(run -> switch (action) {
            case PAUSE -> pause(run);
            case RESUME -> resume(run);
            case CANCEL -> cancel(run);
            case START -> start(run);
        });
    }

    /**
     * Waits a little for the run to leave {@code status} (a sending run to obey, a started one to
     * begin); answers the run as it is then.
     */
    public CampaignRun awaitLeaving(long runId, RunStatus status) throws InterruptedException {
        Instant deadline = clock.instant().plus(OBEY_WITHIN);
        CampaignRun run = runs.find(runId).orElseThrow();
        while (run.status() == status && clock.instant().isBefore(deadline)) {
            Thread.sleep(LOOK_EVERY.toMillis());
            run = runs.find(runId).orElseThrow();
        }
        return run;
    }

    private Answer pause(CampaignRun run) {
        if (run.status() == RunStatus.PAUSED) {
            return new Answer(true, false, run, "run " + run.id() + " is paused already");
        }
        if (runs.askControl(run.id(), RunControl.PAUSE, EnumSet.of(RunStatus.RUNNING))) {
            return new Answer(true, false, run, "run " + run.id() + " pauses after the chunk in flight");
        }
        return refused(run, "only a sending run can be paused");
    }

    private Answer resume(CampaignRun run) {
        if (run.status() == RunStatus.RUNNING) {
            boolean pauseAsked = runs.control(run.id()).equals(Optional.of(RunControl.PAUSE));
            runs.clearPause(run.id());
            return pauseAsked ? new Answer(true, false, run, "the pause asked of run " + run.id() + " is withdrawn")
                    : refused(run, "it is sending");
        }
        if (NOT_SENDING.contains(run.status())) {
            runs.clearPause(run.id());
            return new Answer(true, true, run, "run " + run.id() + " goes on from where it stopped");
        }
        return refused(run, run.status() == RunStatus.READY ? "it waits for its review: Send (start) sends it"
                : "it is final");
    }

    private Answer start(CampaignRun run) {
        if (run.status() == RunStatus.READY && runs.giveReview(run.id())) {
            return new Answer(true, true, run, "run " + run.id() + " is sent, as reviewed");
        }
        return refused(run, "only a READY run, waiting for its review, is started this way");
    }

    private Answer cancel(CampaignRun run) {
        if (run.status() == RunStatus.RUNNING && runs.askControl(run.id(), RunControl.CANCEL, EnumSet.of(RunStatus.RUNNING))) {
            return new Answer(true, false, run, "run " + run.id() + " is cancelled after the chunk in flight");
        }
        if (CANCELLABLE_AT_REST.contains(run.status()) && runs.askControl(run.id(), RunControl.CANCEL, CANCELLABLE_AT_REST)) {
            return new Answer(true, true, run, "run " + run.id() + " is cancelled: its rows never sent become CANCELLED"
                    + " and what it sent is reconciled and reported");
        }
        return refused(run, "it is final");
    }

    private static Answer refused(CampaignRun run, String why) {
        return new Answer(false, false, run, "run " + run.id() + " is " + run.status() + ": " + why);
    }
}
