package com.campaignsender.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VoIPBIN v1.0 email ({@code /emails}) and message ({@code /messages}) endpoints as
 * providers.md describes them: create, list newest first with {@code page_token}, get by id.
 * Written from the documentation, not from our gateway, so that it checks the gateway.
 */
class VoipbinSandboxHandler implements HttpHandler {

    static final String ROOT = "/v1.0";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String CUSTOMER_ID = "5e4a0680-804e-11ec-8477-2fea5968d85b";

    private final SandboxStore store;
    private final SandboxSettings settings;
    private final JsonMapper json;

    VoipbinSandboxHandler(SandboxStore store, SandboxSettings settings, JsonMapper json) {
        this.store = store;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            pause();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!authorised(query)) {
                reply(exchange, 401, Map.of("message", "unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(ROOT.length());
            String method = exchange.getRequestMethod();
            SandboxMessage.Kind kind = path.startsWith("/emails") ? SandboxMessage.Kind.EMAIL
                    : path.startsWith("/messages") ? SandboxMessage.Kind.SMS : null;
            String id = path.replaceFirst("^/(emails|messages)/?", "");
            if (kind == null) {
                reply(exchange, 404, Map.of("message", "not found"));
            }
            else if (method.equals("POST") && id.isEmpty()) {
                create(exchange, kind);
            }
            else if (method.equals("GET") && id.isEmpty()) {
                list(exchange, kind, query);
            }
            else if (method.equals("GET")) {
                Optional<SandboxMessage> message = store.find(id).filter(m -> m.kind() == kind);
                if (message.isPresent()) {
                    reply(exchange, 200, render(message.get()));
                }
                else {
                    reply(exchange, 404, Map.of("message", "not found"));
                }
            }
            else {
                reply(exchange, 405, Map.of("message", "method not allowed"));
            }
        }
    }

    private void create(HttpExchange exchange, SandboxMessage.Kind kind) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in);
        }
        catch (JacksonException ex) {
            reply(exchange, 400, Map.of("message", "request body is not JSON"));
            return;
        }
        String type = kind == SandboxMessage.Kind.EMAIL ? "email" : "tel";
        JsonNode destinations = body.path("destinations");
        if (!destinations.isArray() || destinations.size() != 1 || !type.equals(destinations.get(0).path("type").asString())
                || destinations.get(0).path("target").asString().isBlank()) {
            reply(exchange, 400, Map.of("message", "destinations: one address of type " + type + " expected"));
            return;
        }
        String to = destinations.get(0).path("target").asString();
        String from = body.path("source").path("target").asString();
        if (kind == SandboxMessage.Kind.SMS && !from.matches("\\+[1-9][0-9]{6,14}")) {
            reply(exchange, 400, Map.of("message", "source: an E.164 number is required"));
            return;
        }
        if (kind == SandboxMessage.Kind.SMS && !to.matches("\\+[1-9][0-9]{6,14}")) {
            reply(exchange, 400, Map.of("message", "destinations: " + to + " is not an E.164 number"));
            return;
        }
        String content = body.path(kind == SandboxMessage.Kind.EMAIL ? "content" : "text").asString();
        String subject = body.path("subject").asString();
        if (content.isEmpty() || (kind == SandboxMessage.Kind.EMAIL && subject.isEmpty())) {
            reply(exchange, 400, Map.of("message", kind == SandboxMessage.Kind.EMAIL ? "subject and content are required" : "text is required"));
            return;
        }
        reply(exchange, 200, render(store.create(kind, from, to, subject, content)));
    }

    private void list(HttpExchange exchange, SandboxMessage.Kind kind, Map<String, String> query) throws IOException {
        int size = Integer.parseInt(query.getOrDefault("page_size", "10"));
        String token = query.get("page_token");
        Instant before = token == null || token.isEmpty() ? null : parse(token);
        List<SandboxMessage> page = store.page(kind, before, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", page.stream().map(this::render).toList());
        body.put("next_page_token", page.size() < size ? "" : format(page.get(page.size() - 1).createdAt()));
        reply(exchange, 200, body);
    }

    private Map<String, Object> render(SandboxMessage message) {
        String status = message.status(store.now(), settings.statusStep());
        String created = format(message.createdAt());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.id());
        body.put("customer_id", CUSTOMER_ID);
        if (message.kind() == SandboxMessage.Kind.EMAIL) {
            body.put("source", address("email", message.from()));
            body.put("destinations", List.of(address("email", message.to())));
            body.put("status", status);
            body.put("subject", message.subject());
            body.put("content", message.content());
            body.put("attachments", List.of());
        }
        else {
            body.put("type", "sms");
            body.put("source", address("tel", message.from()));
            body.put("targets", List.of(Map.of("destination", address("tel", message.to()), "status", status,
                    "parts", SmsParts.count(message.content()), "tm_update", format(store.now()))));
            body.put("text", message.content());
            body.put("direction", "outbound");
        }
        body.put("tm_create", created);
        body.put("tm_update", format(store.now()));
        body.put("tm_delete", "9999-01-01 00:00:00.000000");
        return body;
    }

    private static Map<String, String> address(String type, String target) {
        return Map.of("type", type, "target", target, "target_name", "", "name", "", "detail", "");
    }

    private boolean authorised(Map<String, String> query) {
        String token = settings.token();
        return token == null || token.isEmpty() || token.equals(query.get("token")) || token.equals(query.get("accesskey"));
    }

    private void pause() {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
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

    private static String format(Instant instant) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant parse(String text) {
        return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
    }
}
