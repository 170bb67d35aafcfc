package com.campaignsender.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


/**
 * Infobip's email API as providers.md describes it: {@code POST /email/3/send} (multipart/form-data,
 * {@code Authorization: App <key>}, {@code to} plain or as JSON with our {@code messageId}),
 * delivery reports that are returned once only, and logs that can be read again.
 */
class InfobipSandboxHandler implements ProviderSandbox {

    static final String ROOT = "/email";
    /** The kind of message it creates, as the journal keeps it. */
    static final String EMAIL = "INFOBIP_EMAIL";

    private final SandboxStore store;
    private final SandboxSettings settings;
    private final SandboxFaults faults;
    private final JsonMapper json;

    InfobipSandboxHandler(SandboxStore store, SandboxSettings settings, SandboxFaults faults, JsonMapper json) {
        this.store = store;
        this.settings = settings;
        this.faults = faults;
        this.json = json;
    }

    @Override
    public String type() {
        return "infobip";
    }

    @Override
    public String root() {
        return ROOT;
    }

    @Override
    public String basePath() {
        return "";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Exchanges.pause(settings.latency());
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                Exchanges.reply(exchange, json, 401, error("UNAUTHORIZED", "Invalid login details"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            if (method.equals("GET") && Exchanges.readFailed(faults.beforeRead(), exchange, json, error("GENERAL_ERROR", "Something went wrong"))) {
                return;
            }
            if (method.equals("GET") && faults.overReadLimit()) {
                // Reports and logs: 120 calls a minute for the account, every reader together (providers.md).
                Exchanges.tooManyRequests(exchange, json, error("TOO_MANY_REQUESTS", "Too many requests"));
                return;
            }
            if (method.equals("POST") && path.equals("/email/3/send")) {
                send(exchange);
            }
            else if (method.equals("GET") && path.matches("/email/[14]/reports")) {
                int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
                List<Map<String, Object>> results = store.takeReports(EMAIL, settings.statusStep(), limit).stream()
                        .map(this::report).toList();
                Exchanges.reply(exchange, json, 200, Map.of("results", results));
            }
            else if (method.equals("GET") && path.matches("/email/[14]/logs")) {
                Exchanges.reply(exchange, json, 200, Map.of("results", logs(query)));
            }
            else {
                Exchanges.reply(exchange, json, 404, error("NOT_FOUND", "Not found"));
            }
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        MultipartForm form = MultipartForm.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        String refusal = form == null ? "request must be multipart/form-data" : refusal(form);
        if (refusal != null) {
            Exchanges.reply(exchange, json, 400, error("BAD_REQUEST", refusal));
            return;
        }
        switch (faults.beforeCreate()) {
            case TOO_MANY_REQUESTS -> Exchanges.tooManyRequests(exchange, json, error("TOO_MANY_REQUESTS", "Too many requests"));
            case SERVER_ERROR -> Exchanges.reply(exchange, json, 500, error("GENERAL_ERROR", "Something went wrong"));
            case RESET -> Exchanges.drop(exchange);
            case LATE_CREATE -> {
                Exchanges.drop(exchange);
                faults.later(() -> create(form));
            }
            case NONE -> {
                Map<String, Object> created = create(form);
                if (faults.loseAnswer()) {
                    Exchanges.drop(exchange);
                }
                else {
                    Exchanges.reply(exchange, json, 200, created);
                }
            }
        }
    }

    /** Creates the form's messages: what the API answers when it answers. */
    private Map<String, Object> create(MultipartForm form) {
        String bulkId = form.first("bulkId") == null ? UUID.randomUUID().toString() : form.first("bulkId");
        Map<String, List<String>> fields = new LinkedHashMap<>(form.fields());
        fields.put("bulkId", List.of(bulkId));
        List<Object> messages = new ArrayList<>();
        String content = form.first("html") != null ? form.first("html") : form.first("text");
        for (String to : form.fields().get("to")) {
            Recipient recipient = recipient(to);
            SandboxMessage message = store.create(EMAIL, recipient.messageId(), form.first("from"),
                    recipient.address(), form.first("subject"), content, fields);
            messages.add(Map.of("to", message.to(), "messageId", message.id(), "status", status(message)));
        }
        return Map.of("bulkId", bulkId, "messages", messages);
    }

    private String refusal(MultipartForm form) {
        if (form.first("from") == null || !form.first("from").matches("(.+ <)?[^<>\\s]+@[^<>\\s]+>?")) {
            return "from: a sender like 'Jane Smith <jane@example.com>' is required";
        }
        if (form.fields().get("to") == null) {
            return "to: at least one recipient is required";
        }
        for (String to : form.fields().get("to")) {
            if (recipient(to) == null) {
                return "to: '" + to + "' is neither an address nor a JSON destination";
            }
        }
        if (form.first("subject") == null) {
            return "subject is required";
        }
        return form.first("text") == null && form.first("html") == null ? "text or html is required" : null;
    }

    private record Recipient(String address, String messageId) {
    }

    /** A {@code to} value: an address, or JSON {@code {"to": ..., "messageId": ...}}; null when neither. */
    private Recipient recipient(String to) {
        if (!to.trim().startsWith("{")) {
            return to.contains("@") ? new Recipient(to.trim(), null) : null;
        }
        try {
            JsonNode node = json.readTree(to);
            String address = node.path("to").asString();
            return address.contains("@") ? new Recipient(address, node.path("messageId").asString(null)) : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private List<Map<String, Object>> logs(Map<String, String> query) {
        String messageId = query.get("messageId");
        String bulkId = query.get("bulkId");
        Instant sentSince = query.containsKey("sentSince") ? Instant.parse(query.get("sentSince")) : Instant.MIN;
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        return store.created(message -> message.kind().equals(EMAIL)
                && (messageId == null || message.id().equals(messageId))
                && (bulkId == null || bulkId.equals(first(message, "bulkId")))
                && !message.createdAt().isBefore(sentSince))
                .stream().limit(limit).map(this::report).toList();
    }

    private Map<String, Object> report(SandboxMessage message) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("bulkId", first(message, "bulkId"));
        report.put("messageId", message.id());
        report.put("to", message.to());
        report.put("sentAt", message.createdAt().toString());
        report.put("doneAt", store.now().toString());
        report.put("messageCount", 1);
        report.put("price", Map.of("pricePerMessage", 0, "currency", "EUR"));
        report.put("status", status(message));
        report.put("error", Map.of("groupId", 0, "groupName", "OK", "id", 0, "name", "NO_ERROR",
                "description", "No Error", "permanent", false));
        return report;
    }

    Map<String, Object> status(SandboxMessage message) {
        String name = message.stage(store.now(), settings.statusStep()) < 2 ? "PENDING_ACCEPTED" : switch (message.fate()) {
            case BOUNCED -> "UNDELIVERABLE_REJECTED_OPERATOR";
            case DROPPED -> "REJECTED_DESTINATION";
            case EXPIRED -> "EXPIRED_EXPIRED";
            default -> "DELIVERED_TO_HANDSET";
        };
        String group = name.substring(0, name.indexOf('_')); // Infobip's status group: the name's first word
        int groupId = switch (group) {
            case "PENDING" -> 1;
            case "UNDELIVERABLE" -> 2;
            case "DELIVERED" -> 3;
            case "EXPIRED" -> 4;
            default -> 5;
        };
        return Map.of("groupId", groupId, "groupName", group, "name", name, "description", name.toLowerCase().replace('_', ' '));
    }

    private static String first(SandboxMessage message, String field) {
        List<String> values = message.fields().get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private boolean authorised(String header) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() || ("App " + key).equals(header);
    }

    private static Map<String, Object> error(String id, String text) {
        return Map.of("requestError", Map.of("serviceException", Map.of("messageId", id, "text", text)));
    }
}
