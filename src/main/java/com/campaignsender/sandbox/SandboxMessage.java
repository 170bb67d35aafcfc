package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * One message the simulator was asked to create. Its status is a function of its age, so that
 * statuses progress without a timer: two steps in flight, then the outcome its recipient chose.
 */
public record SandboxMessage(String id, Kind kind, String from, String to, String subject, String content,
        Instant createdAt) {

    public enum Kind {
        EMAIL, SMS
    }

    public String status(Instant now, Duration step) {
        long steps = step.isZero() ? Long.MAX_VALUE : Duration.between(createdAt, now).toNanos() / step.toNanos();
        if (kind == Kind.EMAIL) {
            return steps < 1 ? "initiated" : steps < 2 ? "processed" : emailOutcome();
        }
        return steps < 1 ? "queued" : steps < 2 ? "sent" : smsOutcome();
    }

    /** Magic recipients: {@code bounce...@} bounces, {@code drop...@} is dropped, anyone else is delivered. */
    private String emailOutcome() {
        String local = to.substring(0, Math.max(0, to.indexOf('@'))).toLowerCase();
        return local.startsWith("bounce") ? "bounce" : local.startsWith("drop") ? "dropped" : "delivered";
    }

    /** Magic numbers: ending 0000 fails, ending 9999 times out, any other is delivered. */
    private String smsOutcome() {
        return to.endsWith("0000") ? "failed" : to.endsWith("9999") ? "dlr_timeout" : "delivered";
    }
}
