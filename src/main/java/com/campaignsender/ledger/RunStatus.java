package com.campaignsender.ledger;

/**
 * A run as a whole: RUNNING until its job ends. FAILED, STOPPED and REFUSED runs are not done:
 * starting them again resumes (or starts) them, and nothing already sent is sent again.
 */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    /** The job stopped on an error, a credential refusal or the error threshold. */
    FAILED,
    /** The job stopped because its process was shutting down; {@code serve} resumes it when it starts again. */
    STOPPED,
    /** Never started: the campaign was sending another run when it was to start (see {@link RunRefusals}). */
    REFUSED
}
