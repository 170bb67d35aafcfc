package com.campaignsender.cli;

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
}
