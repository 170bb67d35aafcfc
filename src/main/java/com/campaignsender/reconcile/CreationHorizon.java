package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far, by the provider's clock, the run's own sending can no longer reach: every message
 * the run will still create is created after the horizon. A slice of the provider's listing that
 * ends before it holds all it will ever hold of the run's answered requests, so reading it is the
 * record for the discrepancy check as well as a status poll, while later chunks still go out.
 * <p>
 * The sending tells it when a chunk's rows were marked SENDING (its requests leave after that),
 * when the chunk's answers were recorded in the ledger, and, per answer, when the request left
 * and when the provider says it created the message. A request that leaves at our time {@code t}
 * reaches the provider at or after {@code t}, which the provider's clock shows as at least
 * {@code t + (created - answered)} for any earlier answer: the largest such difference is how far
 * the provider's clock is ahead of ours at least (negative when it is behind), and the smallest
 * {@code created - left} how far at most. So the horizon is the oldest chunk not yet recorded (or
 * now) moved onto the provider's clock, less a margin.
 * <p>
 * A request left without an answer may have created a message before the horizon passed it; the
 * settle step finds it, and the reconciliation watches it from then on ({@link RunReconciliation#watch}).
 * Until an answer tells the provider's clock there is no horizon; once sending is over there is no limit.
 */
public class CreationHorizon {

    /** For clocks that tick unevenly and creation times that tie. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private final Clock clock;
    /** Marks of the chunks out (sent, not yet recorded), with how many chunks share each. */
    private final TreeMap<Instant, Integer> out = new TreeMap<>();
    private Duration aheadAtLeast;
    private Duration aheadAtMost;
    private boolean over;

    /**
     * How far the provider's clock is ahead of ours (negative: behind), as its answers bound it:
     * a time of ours moves onto its clock by somewhere between the two.
     */
    public record ProviderClock(Duration aheadAtLeast, Duration aheadAtMost) {
    }

    public CreationHorizon(Clock clock) {
        this.clock = clock;
    }

    /** A chunk's rows were marked SENDING at {@code markedAt} (taken before the marks were written). */
    public synchronized void out(Instant markedAt) {
        out.merge(markedAt, 1, Integer::sum);
    }

    /** The answers of the chunk marked at {@code markedAt} are recorded. */
    public synchronized void recorded(Instant markedAt) {
        out.computeIfPresent(markedAt, (mark, chunks) -> chunks == 1 ? null : chunks - 1);
    }

    /** A request that left at {@code left} (our clock) created a message at {@code createdAt} (the provider's), answered just now. */
    public synchronized void answered(Instant left, Instant createdAt) {
        Duration atLeast = Duration.between(clock.instant(), createdAt);
        Duration atMost = Duration.between(left, createdAt);
        if (aheadAtLeast == null || atLeast.compareTo(aheadAtLeast) > 0) {
            aheadAtLeast = atLeast;
        }
        if (aheadAtMost == null || atMost.compareTo(aheadAtMost) < 0) {
            aheadAtMost = atMost;
        }
    }

    /** What the answers so far tell of the provider's clock; empty before the first. */
    public synchronized Optional<ProviderClock> providerClock() {
        return aheadAtLeast == null ? Optional.empty() : Optional.of(new ProviderClock(aheadAtLeast, aheadAtMost));
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
        if (aheadAtLeast == null) {
            return Optional.empty();
        }
        Instant oldest = clock.instant();
        if (!out.isEmpty() && out.firstKey().isBefore(oldest)) {
            oldest = out.firstKey();
        }
        return Optional.of(oldest.plus(aheadAtLeast).minus(MARGIN));
    }
}
