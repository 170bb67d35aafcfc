package com.campaignsender.serve;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.campaignsender.rights.UnsubscribeLinks;

/**
 * The web page's door (the API and the webhooks have their own): a browser without a session is
 * sent to the login form when a login is required, and every page is served with headers that
 * forbid scripts, framing and foreign form targets, so that even a value that slipped past the
 * templates' escaping could not run.
 */
class PageAccessFilter extends OncePerRequestFilter {

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final PageSessions sessions;

    PageAccessFilter(PageSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // Actuator's: health is open to probes, prometheus is the API token's (ApiTokenFilter).
        return path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        // The login form and the recipients' unsubscribe pages are for people without a session.
        String path = request.getRequestURI();
        if (!path.equals("/login") && !path.startsWith(UnsubscribeLinks.PATH) && !sessions.admitted(request)) {
            if ("GET".equals(request.getMethod())) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", "/login");
            }
            else {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
