package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far, by the provider's clock, the run's own sending can no longer reach: every message
 * the run will still create is created after the horizon. A slice of the provider's listing that
 * ends before it holds all it will ever hold of the run, so reading it is the record for the
 * discrepancy check as well as a status poll, while later chunks still go out.
 * <p>
 * The sending tells it three things: when a chunk's rows were marked SENDING (its requests leave
 * after that), when the chunk's answers were recorded in the ledger, and, per answer, when the
 * provider says it created the message. A request that leaves at our time {@code t} reaches the
 * provider at or after {@code t}, which the provider's clock shows as at least
 * {@code t + (created - answered)} for any earlier answer: the largest such difference is how far
 * the provider's clock is ahead of ours at least (negative when it is behind). So the horizon is
 * the oldest chunk not yet recorded (or now) moved onto the provider's clock, less a margin.
 * <p>
 * A chunk with a row left in doubt holds the horizon at its mark until the settle step has looked
 * for its message: the message may exist, and its row must hold its id before its slice is read.
 * Until an answer tells the provider's clock there is no horizon; once sending is over there is no
 * limit.
 */
public class CreationHorizon {

    /** For clocks that tick unevenly and creation times that tie. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final Clock clock;
    /** Marks of the chunks out (sent, not yet recorded), with how many chunks share each. */
    private final TreeMap<Instant, Integer> out = new TreeMap<>();
    private Instant heldAt;
    private Duration providerAhead;
    private boolean over;

    public CreationHorizon(Clock clock) {
        this.clock = clock;
    }

    /** A chunk's rows were marked SENDING at {@code markedAt} (taken before the marks were written). */
    public synchronized void out(Instant markedAt) {
        out.merge(markedAt, 1, Integer::sum);
    }

    /** The answers of the chunk marked at {@code markedAt} are recorded; {@code inDoubt}: some got none. */
    public synchronized void recorded(Instant markedAt, boolean inDoubt) {
        out.computeIfPresent(markedAt, (mark, chunks) -> chunks == 1 ? null : chunks - 1);
        if (inDoubt) {
            hold(markedAt);
        }
    }

    /** Rows are in doubt from a time we do not know (a run resumed after a crash): nothing is final until they are settled. */
    public synchronized void holdAll() {
        hold(Instant.MIN);
    }

    /** The settle step found out about the rows in doubt: their rows hold their ids, or are PENDING to be sent again. */
    public synchronized void settled() {
        heldAt = null;
    }

    /** The provider created a message at {@code createdAt} (its clock), answered just now (ours). */
    public synchronized void answered(Instant createdAt) {
        Duration ahead = Duration.between(clock.instant(), createdAt);
        if (providerAhead == null || ahead.compareTo(providerAhead) > 0) {
            providerAhead = ahead;
        }
    }

    /** Sending is over: nothing more will be created. */
    public synchronized void over() {
        over = true;
    }

    /** Empty until an answer has told the provider's clock; {@link Instant#MAX} once sending is over. */
    public synchronized Optional<Instant> now() {
        if (over) {
            return Optional.of(Instant.MAX);
        }
        if (providerAhead == null) {
            return Optional.empty();
        }
        Instant oldest = clock.instant();
        if (!out.isEmpty() && out.firstKey().isBefore(oldest)) {
            oldest = out.firstKey();
        }
        if (heldAt != null && heldAt.isBefore(oldest)) {
            if (heldAt.equals(Instant.MIN)) {
                return Optional.empty();
            }
            oldest = heldAt;
        }
        return Optional.of(oldest.plus(providerAhead).minus(MARGIN));
    }

    private void hold(Instant at) {
        if (heldAt == null || at.isBefore(heldAt)) {
            heldAt = at;
        }
    }
}
