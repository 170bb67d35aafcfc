package com.campaignsender.gateway.smtp;

import java.util.Optional;

/**
 * Where an account's bounces return to ({@code bounces.return-path}, {@code bounces@example.com}),
 * made each message's own (VERP): {@code bounces+<token>@example.com}, the token being its
 * Message-ID's local part. A bounce that arrives at such an address names its message, whatever
 * the bouncing server wrote (or failed to write) in its report.
 */
record ReturnPath(String local, String domain) {

    static ReturnPath parse(String address) {
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1 || address.indexOf('+') >= 0) {
            throw new IllegalArgumentException("bounces.return-path '" + address
                    + "' is not an address such as bounces@example.com (without a +: each message's own is made from it)");
        }
        return new ReturnPath(address.substring(0, at), address.substring(at + 1));
    }

    /** The message's own Return-Path. */
    String forToken(String token) {
        return local + "+" + token + "@" + domain;
    }

    /** The token of a message's Return-Path, if {@code address} is one of this account's. */
    Optional<String> tokenOf(String address) {
        String prefix = local + "+";
        String suffix = "@" + domain;
        if (address.length() > prefix.length() + suffix.length() && address.regionMatches(true, 0, prefix, 0, prefix.length())
                && address.regionMatches(true, address.length() - suffix.length(), suffix, 0, suffix.length())) {
            return Optional.of(address.substring(prefix.length(), address.length() - suffix.length()));
        }
        return Optional.empty();
    }

    /** The Message-ID a token was made for: the token at the return path's domain. */
    String messageId(String token) {
        return "<" + token + "@" + domain + ">";
    }
}
