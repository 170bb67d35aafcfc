package com.campaignsender.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


/**
 * The VoIPBIN v1.0 email ({@code /emails}) and message ({@code /messages}) endpoints as
 * providers.md describes them: create, list newest first with {@code page_token}, get by id.
 * Written from the documentation, not from our gateway, so that it checks the gateway.
 */
class VoipbinSandboxHandler implements ProviderSandbox {

    static final String ROOT = "/v1.0";
    /** The kinds of message it creates, as the journal keeps them. */
    static final String EMAIL = "VOIPBIN_EMAIL";
    static final String SMS = "VOIPBIN_SMS";
    static final String CUSTOMER_ID = "5e4a0680-804e-11ec-8477-2fea5968d85b";
    private static final String E164 = "\\+[1-9][0-9]{6,14}";
    private static final Map<String, Object> INTERNAL = error("INTERNAL", "INTERNAL", "internal server error");

    private final SandboxStore store;
    private final SandboxSettings settings;
    private final SandboxFaults faults;
    private final JsonMapper json;
    /** Messages created, against {@link SandboxSettings#balance()}. */
    private final AtomicLong paidFor = new AtomicLong();

    VoipbinSandboxHandler(SandboxStore store, SandboxSettings settings, SandboxFaults faults, JsonMapper json) {
        this.store = store;
        this.settings = settings;
        this.faults = faults;
        this.json = json;
    }

    @Override
    public String type() {
        return "voipbin";
    }

    @Override
    public String root() {
        return ROOT;
    }

    @Override
    public String basePath() {
        return ROOT;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Exchanges.pause(settings.latency());
            Map<String, String> query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            if (!authorised(query)) {
                Exchanges.reply(exchange, json, 401, error("UNAUTHENTICATED", "INVALID_CREDENTIAL", "the token or accesskey is not valid"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(ROOT.length());
            String method = exchange.getRequestMethod();
            if (!method.equals("POST") && Exchanges.readFailed(faults.beforeRead(), exchange, json, INTERNAL)) {
                return;
            }
            String kind = path.startsWith("/emails") ? EMAIL : path.startsWith("/messages") ? SMS : null;
            String id = path.replaceFirst("^/(emails|messages)/?", "");
            if (kind == null) {
                Exchanges.reply(exchange, json, 404, error("NOT_FOUND", "NOT_FOUND", "no such resource"));
            }
            else if (method.equals("POST") && id.isEmpty()) {
                create(exchange, kind);
            }
            else if (method.equals("GET") && id.isEmpty()) {
                list(exchange, kind, query);
            }
            else if (method.equals("GET")) {
                Optional<SandboxMessage> message = store.find(id).filter(m -> m.kind().equals(kind));
                Exchanges.reply(exchange, json, message.isPresent() ? 200 : 404,
                        message.<Object>map(this::render).orElse(error("NOT_FOUND", "NOT_FOUND", "no such resource")));
            }
            else {
                Exchanges.reply(exchange, json, 405, error("INVALID_ARGUMENT", "METHOD_NOT_ALLOWED", "method not allowed"));
            }
        }
    }

    private void create(HttpExchange exchange, String kind) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in);
        }
        catch (JacksonException ex) {
            Exchanges.reply(exchange, json, 400, error("INVALID_ARGUMENT", "INVALID_JSON", "request body is not JSON"));
            return;
        }
        String refusal = refusal(kind, body);
        if (refusal != null) {
            Exchanges.reply(exchange, json, 400, error("INVALID_ARGUMENT", "INVALID_REQUEST", refusal));
            return;
        }
        if (settings.balance() != null && paidFor.get() >= settings.balance()) {
            // VoIPBIN checks the balance per destination before it sends: nothing is created.
            Exchanges.reply(exchange, json, 402, error("PAYMENT_REQUIRED", "INSUFFICIENT_BALANCE",
                    "the account's balance is not enough for this request"));
            return;
        }
        switch (faults.beforeCreate()) {
            case TOO_MANY_REQUESTS -> Exchanges.tooManyRequests(exchange, json, error("RESOURCE_EXHAUSTED", "RATE_LIMITED",
                    "too many requests", List.of(Map.of("limited_by", "customer"))));
            case SERVER_ERROR -> Exchanges.reply(exchange, json, 500, INTERNAL);
            case RESET -> Exchanges.drop(exchange);
            case LATE_CREATE -> {
                Exchanges.drop(exchange);
                faults.later(() -> create(kind, body));
            }
            case NONE -> {
                SandboxMessage message = create(kind, body);
                if (faults.loseAnswer()) {
                    Exchanges.drop(exchange);
                }
                else {
                    Exchanges.reply(exchange, json, 200, render(message));
                }
            }
        }
    }

    private SandboxMessage create(String kind, JsonNode body) {
        paidFor.incrementAndGet();
        boolean email = kind.equals(EMAIL);
        return store.create(kind, null, body.path("source").path("target").asString(),
                body.path("destinations").get(0).path("target").asString(), email ? body.path("subject").asString() : null,
                body.path(email ? "content" : "text").asString(), Map.of());
    }

    /** Why the API would refuse this body with 400, or null. */
    private static String refusal(String kind, JsonNode body) {
        String type = kind.equals(EMAIL) ? "email" : "tel";
        JsonNode destinations = body.path("destinations");
        if (!destinations.isArray() || destinations.size() != 1 || !type.equals(destinations.get(0).path("type").asString())
                || destinations.get(0).path("target").asString().isBlank()) {
            return "destinations: one address of type " + type + " expected";
        }
        if (kind.equals(SMS)) {
            if (!body.path("source").path("target").asString().matches(E164)) {
                return "source: an E.164 number is required";
            }
            if (!destinations.get(0).path("target").asString().matches(E164)) {
                return "destinations: " + destinations.get(0).path("target").asString() + " is not an E.164 number";
            }
            return body.path("text").asString().isEmpty() ? "text is required" : null;
        }
        return body.path("subject").asString().isEmpty() || body.path("content").asString().isEmpty()
                ? "subject and content are required" : null;
    }

    private void list(HttpExchange exchange, String kind, Map<String, String> query) throws IOException {
        int size = Integer.parseInt(query.getOrDefault("page_size", "10"));
        String token = query.get("page_token");
        Instant before = token == null || token.isEmpty() ? null : Exchanges.parseMicros(token);
        List<SandboxMessage> page = store.page(kind, before, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", page.stream().map(this::render).toList());
        body.put("next_page_token", page.size() < size ? "" : Exchanges.micros(page.get(page.size() - 1).createdAt()));
        Exchanges.reply(exchange, json, 200, body);
    }

    private Map<String, Object> render(SandboxMessage message) {
        String status = status(message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.id());
        body.put("customer_id", CUSTOMER_ID);
        if (message.kind().equals(EMAIL)) {
            body.put("source", address("email", message.from()));
            body.put("destinations", List.of(address("email", message.to())));
            body.put("status", status);
            body.put("subject", message.subject());
            body.put("content", message.content());
            body.put("attachments", List.of());
        }
        else {
            smsFields(body, message.from(), message.to(), status, message.content(), "outbound", store.now());
        }
        body.put("tm_create", Exchanges.micros(message.createdAt()));
        body.put("tm_update", Exchanges.micros(store.now()));
        body.put("tm_delete", "9999-01-01 00:00:00.000000");
        return body;
    }

    /** VoIPBIN's status words (providers.md): an email {@code initiated}, {@code processed}, then its fate; a text {@code queued}, {@code sent}. */
    String status(SandboxMessage message) {
        int stage = message.stage(store.now(), settings.statusStep());
        if (message.kind().equals(EMAIL)) {
            return stage == 0 ? "initiated" : stage == 1 ? "processed" : switch (message.fate()) {
                case BOUNCED -> "bounce";
                case DROPPED -> "dropped";
                default -> "delivered"; // VoIPBIN email has no expiry
            };
        }
        return stage == 0 ? "queued" : stage == 1 ? "sent" : switch (message.fate()) {
            case FAILED -> "failed";
            case TIMED_OUT -> "dlr_timeout";
            default -> "delivered";
        };
    }

    /** A Message object's own fields (providers.md), outbound as created here or inbound as a recipient's text. */
    static void smsFields(Map<String, Object> body, String from, String to, String status, String text, String direction,
            Instant now) {
        body.put("type", "sms");
        body.put("source", address("tel", from));
        body.put("targets", List.of(Map.of("destination", address("tel", to), "status", status,
                "parts", SmsParts.count(text), "tm_update", Exchanges.micros(now))));
        body.put("text", text);
        body.put("direction", direction);
    }

    private static Map<String, String> address(String type, String target) {
        return Map.of("type", type, "target", target, "target_name", "", "name", "", "detail", "");
    }

    /** VoIPBIN's one error envelope (providers.md, "The providers' own contracts"). */
    static Map<String, Object> error(String status, String reason, String message) {
        return error(status, reason, message, List.of());
    }

    private static Map<String, Object> error(String status, String reason, String message, List<Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("reason", reason);
        error.put("message", message);
        error.put("request_id", UUID.randomUUID().toString());
        error.put("details", details);
        return Map.of("error", error);
    }

    private boolean authorised(Map<String, String> query) {
        String token = settings.token();
        return token == null || token.isEmpty() || token.equals(query.get("token")) || token.equals(query.get("accesskey"));
    }
}
