package com.campaignsender.system;

/**
 * What makes a process a cluster's {@code worker} (SPEC section 14): the entry point sets
 * {@link #PROPERTY} before the context starts, and the beans that a worker leaves out (serve's API,
 * pages and schedules) or keeps apart (its metrics) read it.
 */
public final class WorkerProcess {

    /** Set in a {@code worker} process, whose web server serves health and metrics only. */
    public static final String PROPERTY = "campaign.worker-process";

    /** A worker's port unless {@code worker --port N} says otherwise: beside a {@code serve} on 8080. */
    public static final String DEFAULT_PORT = "8081";

    private WorkerProcess() {
    }
}
