package com.campaignsender.send;

/**
 * The {@code limits.error-threshold} rule: the share of failed attempts among the last
 * {@link #SIZE} attempts of a run. It judges only once the window is full, so that the first
 * failure of a run does not stop it. 429s are pacing, not failures, and are not recorded.
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

    /** Records one attempt; answers true when the failure ratio of the full window is above the threshold. */
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
