package com.campaignsender.security;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator's side of a service without a token (loopback only, SPEC section 19). Any web page
 * the operator visits could send the browser to {@code http://127.0.0.1:8080/api/...}, and a name
 * of the attacker's that resolves to 127.0.0.1 (DNS rebinding) could even read the answers. So a
 * request is refused (403) unless its {@code Host} is a name of this machine's loopback, and, when
 * it says where it came from ({@code Origin}, else {@code Referer}), that is this service too.
 * Command-line clients send neither and pass.
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> ownNames;

    /** {@code address}: {@code server.address}, one more name the service answers to. */
    SameOriginFilter(String address) {
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        if (address != null && !address.isBlank()) {
            String name = address.toLowerCase(Locale.ROOT);
            names.add(name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name);
        }
        this.ownNames = Set.copyOf(names);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(refusal + "\n");
            return;
        }
        chain.doFilter(request, response);
    }

    private String refusal(HttpServletRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null || !ownNames.contains(hostName(host))) {
            return "Refused: the Host header is not this service's own address (a service without a token answers "
                    + "only to its loopback names)";
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String from = origin != null ? origin : request.getHeader(HttpHeaders.REFERER);
        if (from != null && !sameOrigin(from, host)) {
            return "Refused: a request from another web site (a service without a token takes requests from its own pages "
                    + "and from this machine's programs only)";
        }
        return null;
    }

    /** Whether {@code from} (an Origin or a Referer) is this service as the request addressed it. */
    private static boolean sameOrigin(String from, String host) {
        try {
            URI uri = URI.create(from);
            String authority = uri.getRawAuthority();
            return authority != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && authority.equalsIgnoreCase(host);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        int port = name.lastIndexOf(':');
        return port > name.lastIndexOf(']') ? name.substring(0, port) : name;
    }
}
