package com.campaignsender.send;

/**
 * The {@code limits.error-threshold} rule (SPEC section 12): the share of messages that ended
 * FAILED among the last {@link #SIZE} messages that ended, sent or failed. Attempts are not
 * counted: a transient fault that a retry absorbed never stops a run. It judges only once the
 * window is full, so that the first failure of a run does not stop it.
 */
class FailureWindow {

    static final int SIZE = 100;

    private final boolean[] failed = new boolean[SIZE];
    private final double threshold;
    private int next;
    private int filled;
    private int failures;

    FailureWindow(double threshold) {
        this.threshold = threshold;
    }

    /** Records one message's end; answers true when the failed share of the full window is above the threshold. */
    synchronized boolean record(boolean failure) {
        if (filled == SIZE && failed[next]) {
            failures--;
        }
        failed[next] = failure;
        failures += failure ? 1 : 0;
        next = (next + 1) % SIZE;
        filled = Math.min(SIZE, filled + 1);
        return filled == SIZE && failures > threshold * SIZE;
    }

    synchronized int failures() {
        return failures;
    }
}
