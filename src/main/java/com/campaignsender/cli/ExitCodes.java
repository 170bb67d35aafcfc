package com.campaignsender.cli;

import com.campaignsender.operate.RunOutcome;

/** The exit codes cron and CI read (SPEC section 4), named once. */
public final class ExitCodes {

    /** The run completed: every row is accounted for (or there was nothing to do). */
    public static final int OK = 0;
    /** The run failed or stopped; the same command resumes it. */
    public static final int RESUMABLE = 1;
    /** Bad usage or a refused definition: nothing was sent. */
    public static final int REFUSED = 2;

    private ExitCodes() {
    }

    /** The exit code of a command that took a run to its end (or to where it stopped). */
    static int of(RunOutcome.Result result) {
        return switch (result) {
            case COMPLETED, ALREADY_COMPLETED, CANCELLED -> OK;
            case FAILED, REFUSED, PAUSED, READY -> RESUMABLE;
        };
    }
}
