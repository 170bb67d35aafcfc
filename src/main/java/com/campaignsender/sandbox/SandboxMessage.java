package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One message the simulator was asked to create, by the API its {@code kind} names (the handler's
 * own label, kept in the journal). Its progress is a function of its age, so that statuses move
 * without a timer: two steps in flight, then the fate its recipient chose. Each provider's handler
 * puts stages and fates in its own status words. {@code fields} keeps what else the request carried
 * (Infobip's multipart fields, attachment names), for tests that check what a provider received.
 */
public record SandboxMessage(String id, String kind, String from, String to, String subject, String content,
        Instant createdAt, Map<String, List<String>> fields) {

    /** What happens to a message once it is out of flight, chosen by its recipient's address. */
    public enum Fate {
        DELIVERED, BOUNCED, DROPPED, EXPIRED, FAILED, TIMED_OUT
    }

    /** How many status steps it has gone through by {@code now}: 0 and 1 in flight, 2 once its fate is known. */
    public int stage(Instant now, Duration step) {
        return step.isZero() ? 2 : (int) Math.min(2, Duration.between(createdAt, now).toNanos() / step.toNanos());
    }

    public boolean isFinal(Instant now, Duration step) {
        return stage(now, step) == 2;
    }

    /**
     * Magic recipients. Email: {@code bounce...@} bounces, {@code drop...@} is dropped,
     * {@code expire...@} expires (where the provider has such a status), anyone else is delivered.
     * SMS: a number ending 0000 fails, 9999 times out, any other is delivered.
     */
    public Fate fate() {
        int at = to.indexOf('@');
        if (at < 0) {
            return to.endsWith("0000") ? Fate.FAILED : to.endsWith("9999") ? Fate.TIMED_OUT : Fate.DELIVERED;
        }
        String local = to.substring(0, at).toLowerCase(Locale.ROOT);
        return local.startsWith("bounce") ? Fate.BOUNCED : local.startsWith("drop") ? Fate.DROPPED
                : local.startsWith("expire") ? Fate.EXPIRED : Fate.DELIVERED;
    }
}
