package com.campaignsender.system;

/**
 * Reading a failure that frameworks have wrapped ("Unable to process chunk", "Listener threw
 * exception"): the user needs the innermost reason, in its own words.
 */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause's message, or its type's name when it has none. */
    public static String innermostMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
