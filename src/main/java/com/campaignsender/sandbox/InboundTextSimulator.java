package com.campaignsender.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /sandbox/inbound}: plays a recipient texting one of the account's numbers, so that
 * SMS STOP can be tried without a phone. The body names the texter, the text and the webhook to
 * push to ({@code {"source": "+15551230001", "text": "STOP", "webhook": "http://127.0.0.1:8080/webhooks/voipbin/SECRET"}},
 * {@code destination} optional); the sandbox pushes the inbound Message object there as VoIPBIN
 * pushes to a customer's webhook, in its envelope ({@code {"type": "message_created", "data": ...}})
 * and signed with the account's webhook secret when it has one ({@code X-VoIPBIN-Signature}), and
 * answers with the object and the webhook's status.
 */
class InboundTextSimulator implements HttpHandler {

    static final String PATH = "/sandbox/inbound";
    private static final String E164 = "\\+[1-9][0-9]{6,14}";

    private final SandboxStore store;
    private final String webhookSecret;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    InboundTextSimulator(SandboxStore store, String webhookSecret, JsonMapper json) {
        this.store = store;
        this.webhookSecret = webhookSecret;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                Exchanges.reply(exchange, json, 405, Map.of("message", "POST a text: {\"source\", \"text\", \"webhook\"}"));
                return;
            }
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                request = json.readTree(body);
            }
            catch (JacksonException ex) {
                Exchanges.reply(exchange, json, 400, Map.of("message", "the body is not JSON"));
                return;
            }
            String source = request.path("source").asString();
            String webhook = request.path("webhook").asString();
            if (!source.matches(E164) || request.path("text").isMissingNode() || !webhook.matches("https?://.+")) {
                Exchanges.reply(exchange, json, 400, Map.of("message",
                        "give source (an E.164 number), text, and webhook (the service's /webhooks/voipbin/<secret> URL)"));
                return;
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", UUID.randomUUID().toString());
            message.put("customer_id", VoipbinSandboxHandler.CUSTOMER_ID);
            VoipbinSandboxHandler.smsFields(message, source, request.path("destination").asString("+15550000000"), "received",
                    request.path("text").asString(), "inbound", store.now());
            message.put("tm_create", Exchanges.micros(store.now()));
            message.put("tm_update", Exchanges.micros(store.now()));
            Exchanges.reply(exchange, json, 200, Map.of("message", message, "webhook_status", push(webhook, message)));
        }
    }

    /** VoIPBIN's: the lowercase hex HMAC-SHA256 of the raw body, keyed by the account's webhook secret. */
    private String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }

    private int push(String webhook, Map<String, Object> message) {
        byte[] body = json.writeValueAsBytes(Map.of("type", "message_created", "data", message));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (webhookSecret != null && !webhookSecret.isEmpty()) {
            request.header("X-VoIPBIN-Signature", "sha256=" + signature(body));
        }
        try {
            return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return 0;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
