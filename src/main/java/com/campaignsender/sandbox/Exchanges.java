package com.campaignsender.sandbox;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

/** What every simulated API does with an exchange: wait, answer JSON, or drop the connection. */
final class Exchanges {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Exchanges() {
    }

    static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void reply(HttpExchange exchange, JsonMapper json, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** 429 with {@code Retry-After: 1} and the provider's own error {@code body}. */
    static void tooManyRequests(HttpExchange exchange, JsonMapper json, Object body) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        reply(exchange, json, 429, body);
    }

    /** Closes the connection with no answer at all, as a reset or a lost answer looks to the client. */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }

    /** Answers a read the provider fails ({@code serverError} as its 500 body, or a dropped connection); false when it does not fail. */
    static boolean readFailed(SandboxFaults.Fault fault, HttpExchange exchange, JsonMapper json, Object serverError)
            throws IOException {
        switch (fault) {
            case SERVER_ERROR -> reply(exchange, json, 500, serverError);
            case RESET -> drop(exchange);
            default -> {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    /** VoIPBIN's timestamp form, {@code 2025-03-14 19:04:01.160250} (UTC). */
    static String micros(Instant instant) {
        return MICROS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant parseMicros(String text) {
        return LocalDateTime.parse(text, MICROS).toInstant(ZoneOffset.UTC);
    }
}
