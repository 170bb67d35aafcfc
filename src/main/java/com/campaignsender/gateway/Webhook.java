package com.campaignsender.gateway;

import java.util.List;

/**
 * A push to an account's webhook, as read: the statuses it carries and the texts recipients sent,
 * or why nothing of it may be applied ({@code refusal}, with {@code verdict} saying whose fault).
 */
public record Webhook(Verdict verdict, boolean authenticated, String refusal, List<ProviderStatus> statuses,
        List<InboundText> texts) {

    public enum Verdict {
        READ,
        /** The account's webhook credential is missing or wrong: 401, nothing applied. */
        UNAUTHENTICATED,
        /** Not what the provider sends: 400, nothing applied. */
        UNREADABLE
    }

    /** {@code authenticated}: whether the push carried the account's webhook credential (false when none is configured). */
    public static Webhook read(boolean authenticated, List<ProviderStatus> statuses, List<InboundText> texts) {
        return new Webhook(Verdict.READ, authenticated, null, statuses, texts);
    }

    public static Webhook unauthenticated(String why) {
        return new Webhook(Verdict.UNAUTHENTICATED, false, why, List.of(), List.of());
    }

    public static Webhook unreadable(String why) {
        return new Webhook(Verdict.UNREADABLE, false, why, List.of(), List.of());
    }
}
