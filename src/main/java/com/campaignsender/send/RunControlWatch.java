package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.ledger.SendingLedger;

/**
 * Whether an operator asked the run to pause or be cancelled (SPEC section 13), as recorded in
 * the database by whichever instance or command was asked: read before each chunk, and at most
 * once every {@link #LOOK_EVERY} by the senders waiting for their turn, so that a run held back
 * by an outage or a slow budget obeys without a read per request.
 */
class RunControlWatch {

    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final long runId;
    private final CampaignRuns runs;
    private final Clock clock;
    private volatile Optional<RunControl> asked = Optional.empty();
    private volatile Instant readAt = Instant.MIN;

    RunControlWatch(long runId, CampaignRuns runs, Clock clock) {
        this.runId = runId;
        this.runs = runs;
        this.clock = clock;
    }

    /** Reads what is asked now. */
    Optional<RunControl> now() {
        Optional<RunControl> read = runs.control(runId);
        asked = read;
        readAt = clock.instant();
        return read;
    }

    /** Obeys a CANCEL: the rows never sent become CANCELLED, and the run is, at once, whatever it had sent. */
    void cancel(SendingLedger ledger, TransactionTemplate ownTransaction) {
        ownTransaction.executeWithoutResult(status -> {
            ledger.cancelPending(runId);
            runs.updateStatus(runId, RunStatus.CANCELLED);
        });
    }

    /** Whether anything was asked, as read at most {@link #LOOK_EVERY} ago. */
    boolean askedRecently() {
        if (!clock.instant().isBefore(readAt.plus(LOOK_EVERY))) {
            now();
        }
        return asked.isPresent();
    }
}
