package com.campaignsender.serve;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunControls;

/**
 * Run control as the service does it, for the API and the web page alike: the action is asked
 * ({@link RunControls}); a run that must start again starts in this instance; a sending run,
 * here or in another instance, is given a few seconds to obey so that the answer can say PAUSED
 * or CANCELLED rather than "asked".
 */
@Component
class ServedRunControls {

    /** The answer: 200 when the run is in its new status, 202 when that is on its way, 409 when not allowed. */
    record Result(HttpStatus status, CampaignRun run, String message) {
    }

    private final RunControls controls;
    private final RunLauncher launcher;
    private final RunReview reviews;

    ServedRunControls(RunControls controls, RunLauncher launcher, RunReview reviews) {
        this.controls = controls;
        this.launcher = launcher;
        this.reviews = reviews;
    }

    Optional<Result> ask(long runId, RunControls.Action action, String via) throws InterruptedException {
        Optional<RunControls.Answer> asked = controls.ask(runId, action);
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        RunControls.Answer answer = asked.get();
        if (answer.accepted() && answer.run().status() == RunStatus.READY) {
            reviews.forget(runId); // sent or cancelled: it is READY no more
        }
        if (!answer.accepted()) {
            return Optional.of(new Result(HttpStatus.CONFLICT, answer.run(), answer.message()));
        }
        if (answer.start()) {
            Optional<String> refusal = launcher.launch(CampaignRunner.prepared(answer.run()), via);
            if (refusal.isPresent()) {
                return Optional.of(new Result(HttpStatus.CONFLICT, answer.run(), refusal.get()));
            }
            return Optional.of(new Result(HttpStatus.ACCEPTED, controls.awaitLeaving(runId, answer.run().status()),
                    answer.message()));
        }
        if (answer.run().status() != RunStatus.RUNNING || action == RunControls.Action.RESUME) {
            return Optional.of(new Result(HttpStatus.OK, answer.run(), answer.message()));
        }
        CampaignRun now = controls.awaitLeaving(runId, RunStatus.RUNNING);
        return Optional.of(new Result(now.status() == RunStatus.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK, now,
                answer.message()));
    }
}
