package com.campaignsender.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Who may use the web page. A browser cannot send the API's bearer header, so with a
 * {@code campaign.server.token} set, a person logs in once by typing the token into the login
 * form and gets a session cookie (HttpOnly, SameSite=Strict, kept in this process's memory only:
 * a restart logs everyone out). Without a token the service listens on loopback only and the page
 * is open to this machine. Either way every form carries a secret the page was served with, so
 * another web site open in the same browser cannot post a list to the service.
 */
@Component
class PageSessions {

    static final String COOKIE = "campaign_session";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(String formSecret, Instant expires) {
    }

    private final byte[] token;
    private final Clock clock;
    /** The form secret while no login is required: one per process. */
    private final String openFormSecret = randomId();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    PageSessions(ServerSettings settings, Clock clock) {
        this.token = settings.token() == null || settings.token().isEmpty() ? null
                : settings.token().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    boolean loginRequired() {
        return token != null;
    }

    /** Whether the request may see the pages: no login is required, or it carries a live session. */
    boolean admitted(HttpServletRequest request) {
        return !loginRequired() || session(request).isPresent();
    }

    /** A new session's cookie if {@code offered} is the token. */
    Optional<ResponseCookie> login(String offered, boolean secure) {
        if (token == null || offered == null || !MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String id = randomId();
        sessions.put(id, new Session(randomId(), clock.instant().plus(LIFETIME)));
        return Optional.of(cookie(id, LIFETIME, secure));
    }

    /** Ends the request's session; answers the cookie that clears it in the browser. */
    ResponseCookie logout(HttpServletRequest request) {
        cookieValue(request).ifPresent(sessions::remove);
        return cookie("", Duration.ZERO, request.isSecure());
    }

    /** The secret the request's forms carry. */
    String formSecret(HttpServletRequest request) {
        return loginRequired() ? session(request).map(Session::formSecret).orElse("") : openFormSecret;
    }

    boolean validForm(HttpServletRequest request, String offered) {
        String expected = formSecret(request);
        return offered != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Session> session(HttpServletRequest request) {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> session.expires().isBefore(now));
        return cookieValue(request).map(sessions::get);
    }

    private static Optional<String> cookieValue(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).path("/").httpOnly(true).sameSite("Strict").secure(secure)
                .maxAge(maxAge).build();
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
