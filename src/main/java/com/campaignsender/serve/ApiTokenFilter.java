package com.campaignsender.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api} call, and every scrape of {@code /actuator/prometheus}, carries {@code Authorization: Bearer <campaign.server.token>}, or gets
 * 401. The comparison takes the same time whatever the guess, and the token is never logged.
 * Without a configured token (allowed on loopback only) the API is open to this machine.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    static final String PROMETHEUS = "/actuator/prometheus";

    private final byte[] expected;

    ApiTokenFilter(String token) {
        this.expected = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") && !request.getRequestURI().equals(PROMETHEUS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (expected != null && (header == null
                || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8)))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            // Which of the two it is helps the caller; the token itself is never echoed.
            response.getWriter().write(header == null
                    ? "{\"error\": \"a bearer token is required: Authorization: Bearer <campaign.server.token>\"}"
                    : "{\"error\": \"the bearer token is wrong: it is not this service's campaign.server.token\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
