package com.campaignsender.send;

/**
 * The run must stop now and be resumed later: the provider refused the credential (401/403), or
 * too many recent attempts failed ({@code limits.error-threshold}). Thrown after the chunk's
 * outcomes are recorded, so a resumed run sends only what was not sent.
 */
public class RunHaltedException extends RuntimeException {

    public RunHaltedException(String message) {
        super(message);
    }

    /** An operator paused the run (SPEC section 13). */
    static RunHaltedException paused(long runId) {
        return new RunHaltedException("paused, as an operator asked; `resume " + runId + "` goes on from here");
    }
}
