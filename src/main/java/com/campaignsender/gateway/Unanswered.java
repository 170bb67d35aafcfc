package com.campaignsender.gateway;

/**
 * What becomes of a request that got no answer (SPEC sections 7 and 21). An HTTP provider is
 * searched for its message ({@link MessageGateway#searchSent}); an SMTP relay cannot be asked
 * afterwards, so its account says instead: leave the row UNKNOWN ("the relay may have taken it"),
 * or send it again and risk a second copy ({@code in-doubt: resend}).
 */
public enum Unanswered {
    SEARCHED, LEFT_UNKNOWN, RESENT
}
