package com.campaignsender.reconcile;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One span of the provider's listing of a run, by the provider's clock: the messages created at
 * or after {@code from} and before {@code before} (up to the newest when null). Slices tile the
 * run's span, so each provider message is in exactly one. Read by one reader at a time.
 */
final class ListingSlice {

    /**
     * In-flight ids kept per slice, at most: enough for the stragglers a webhook may settle, few
     * enough that a long run whose statuses take minutes does not hold its whole list in memory.
     */
    static final int IDS_KEPT = 50;

    final Instant from;
    final Instant before;
    /** Where a read that failed half way goes on: the pages before it are recorded. Null: from {@link #before}. */
    Instant resumeBefore;
    /** Whether it has been read whole once: the record the discrepancy check reads. */
    boolean readWhole;
    /** How many of the run's messages its last whole read showed in flight: it is read again while any is. */
    int inFlightCount;
    /** Those messages' ids, when no more than {@link #IDS_KEPT}; otherwise none are kept. */
    Set<String> inFlight = new HashSet<>();
    /** What the read under way has shown in flight so far, across a failure and the read that goes on from it. */
    final Set<String> reading = new HashSet<>();

    ListingSlice(Instant from, Instant before) {
        this.from = from;
        this.before = before;
    }

    /** The page down to {@code oldest} is recorded: a failure after it goes on from there. */
    void readDownTo(Instant oldest, Set<String> inFlightOnPage) {
        reading.addAll(inFlightOnPage);
        if (oldest != null && (resumeBefore == null || oldest.isBefore(resumeBefore))) {
            resumeBefore = oldest;
        }
    }

    void readToTheEnd() {
        readWhole = true;
        resumeBefore = null;
        inFlightCount = reading.size();
        inFlight = inFlightCount <= IDS_KEPT ? new HashSet<>(reading) : new HashSet<>();
        reading.clear();
    }

    boolean covers(Instant created) {
        return !created.isBefore(from) && (before == null || created.isBefore(before));
    }

    /** A message of the run in it, in flight, that its reads did not show as the run's (found by the settle step since). */
    void watch(String providerMessageId) {
        if (inFlight.size() == inFlightCount && inFlight.size() < IDS_KEPT) {
            inFlight.add(providerMessageId);
        }
        else {
            inFlight.clear(); // too many to know by id: read again until none is in flight
        }
        inFlightCount++;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + (before == null ? "now" : before.toString()) + ")";
    }
}
