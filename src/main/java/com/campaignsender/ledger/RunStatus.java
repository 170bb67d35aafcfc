package com.campaignsender.ledger;

/**
 * A run as a whole: RUNNING until its job ends. FAILED, STOPPED, PAUSED and REFUSED runs are not
 * done: starting them again resumes (or starts) them, and nothing already sent is sent again; a
 * READY run starts only when an operator sends it.
 * COMPLETED and CANCELLED runs are final: their list is not sent again.
 */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    /** The job stopped on an error, a credential refusal or the error threshold. */
    FAILED,
    /** The job stopped because its process was shutting down; {@code serve} resumes it when it starts again. */
    STOPPED,
    /** Never started: the campaign was sending another run when it was to start (see {@link RunRefusals}). */
    REFUSED,
    /** Paused by an operator (SPEC section 13) after the chunk in flight; resumed only when asked. */
    PAUSED,
    /** Cancelled by an operator: what was sent is reconciled and reported, the rows never sent are CANCELLED. */
    CANCELLED,
    /**
     * Loaded and counted, waiting for an operator's review (SPEC section 22): nothing is sent until
     * Send ({@code POST /api/runs/{id}/start}); cancelled if nobody sends it within the ready-ttl.
     */
    READY;

    /** Whether the run is done for good: its list is not sent again. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
