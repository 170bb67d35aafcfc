package com.campaignsender.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every try of a credential (a login, a bearer header, a webhook path) from a client that
 * has used up its failures for the minute: 429 with {@code Retry-After}, before anything is
 * checked, so that a right guess among the refused ones teaches the guesser nothing.
 */
final class GuessLimitFilter extends OncePerRequestFilter {

    private final GuessLimiter guesses;

    GuessLimitFilter(GuessLimiter guesses) {
        this.guesses = guesses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()))
                && !request.getServletPath().startsWith(WebhookPathSecretFilter.PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> refusal = guesses.refusal(request.getRemoteAddr());
        if (refusal.isPresent()) {
            long seconds = Math.max(1, (refusal.get().toMillis() + 999) / 1000);
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Too many wrong credentials from this address; try again in " + seconds + " s.\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
