package com.campaignsender.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of a provider webhook, {@code /webhooks/<account>/<campaign.server.webhook-secret>}:
 * a path without the secret is 404, as if there were no such endpoint, before a byte of its body
 * is read, and counts as a failed guess of its client. (The account's own credential, a signature
 * or Basic authentication, is the provider's reader's to check.)
 */
final class WebhookPathSecretFilter extends OncePerRequestFilter {

    static final String PATH = "/webhooks/";

    private final byte[] secret;
    private final GuessLimiter guesses;

    /** {@code secret}: null when none is configured, and then no webhook is answered. */
    WebhookPathSecretFilter(String secret, GuessLimiter guesses) {
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.guesses = guesses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] segments = request.getServletPath().substring(PATH.length()).split("/", -1);
        if (secret == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (segments.length != 2 || !MessageDigest.isEqual(secret, segments[1].getBytes(StandardCharsets.UTF_8))) {
            guesses.failed(request.getRemoteAddr(), "A webhook push without the path secret");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
