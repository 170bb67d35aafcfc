package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One message the simulator was asked to create. Its status is a function of its age, so that
 * statuses progress without a timer: two steps in flight, then the outcome its recipient chose.
 * {@code fields} keeps what else the request carried (Infobip's multipart fields, attachment
 * names), for tests that check what a provider received.
 */
public record SandboxMessage(String id, Kind kind, String from, String to, String subject, String content,
        Instant createdAt, Map<String, List<String>> fields) {

    public enum Kind {
        VOIPBIN_EMAIL, VOIPBIN_SMS, INFOBIP_EMAIL
    }

    /** The provider's own status word now: VoIPBIN's status, or Infobip's status name. */
    public String status(Instant now, Duration step) {
        long steps = step.isZero() ? Long.MAX_VALUE : Duration.between(createdAt, now).toNanos() / step.toNanos();
        return switch (kind) {
            case VOIPBIN_EMAIL -> steps < 1 ? "initiated" : steps < 2 ? "processed" : emailOutcome();
            case VOIPBIN_SMS -> steps < 1 ? "queued" : steps < 2 ? "sent" : smsOutcome();
            case INFOBIP_EMAIL -> steps < 2 ? "PENDING_ACCEPTED" : switch (emailOutcome()) {
                case "bounce" -> "UNDELIVERABLE_REJECTED_OPERATOR";
                case "dropped" -> "REJECTED_DESTINATION";
                case "expired" -> "EXPIRED_EXPIRED";
                default -> "DELIVERED_TO_HANDSET";
            };
        };
    }

    /** Infobip's status group of a status name: the part before the first underscore. */
    public static String infobipGroup(String statusName) {
        return statusName.substring(0, statusName.indexOf('_'));
    }

    public boolean isFinal(Instant now, Duration step) {
        return step.isZero() || Duration.between(createdAt, now).toNanos() / step.toNanos() >= 2;
    }

    /**
     * Magic recipients: {@code bounce...@} bounces, {@code drop...@} is dropped, {@code expire...@}
     * expires (Infobip only: VoIPBIN email has no such status), anyone else is delivered.
     */
    private String emailOutcome() {
        String local = to.substring(0, Math.max(0, to.indexOf('@'))).toLowerCase(Locale.ROOT);
        return local.startsWith("bounce") ? "bounce" : local.startsWith("drop") ? "dropped"
                : local.startsWith("expire") && kind == Kind.INFOBIP_EMAIL ? "expired" : "delivered";
    }

    /** Magic numbers: ending 0000 fails, ending 9999 times out, any other is delivered. */
    private String smsOutcome() {
        return to.endsWith("0000") ? "failed" : to.endsWith("9999") ? "dlr_timeout" : "delivered";
    }
}
