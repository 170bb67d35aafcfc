package com.campaignsender.gateway.voipbin;

import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.Webhook;
import com.campaignsender.gateway.WebhookCredentials;

/**
 * What VoIPBIN pushes to a customer's webhook (providers.md, its server code): an envelope
 * {@code {"type": "<resource>_<event>", "data": {...}}} around the Email or Message object, signed
 * with {@code X-VoIPBIN-Signature: sha256=<hex HMAC-SHA256 of the raw body>} keyed by the account's
 * webhook secret. With a secret configured, a push without that signature is refused whole. A
 * text a recipient sent arrives as {@code message_created} with {@code direction: inbound}.
 */
final class VoipbinWebhooks {

    static final String SIGNATURE = "X-VoIPBIN-Signature";

    private final String account;
    private final String secret;
    private final JsonMapper json;

    VoipbinWebhooks(String account, String secret, JsonMapper json) {
        this.account = account;
        this.secret = secret;
        this.json = json;
    }

    Webhook read(byte[] body, Function<String, String> headers) {
        boolean signed = secret != null && !secret.isEmpty();
        if (signed && !WebhookCredentials.signedSha256(secret, body, headers.apply(SIGNATURE))) {
            return Webhook.unauthenticated(SIGNATURE + " is missing or does not sign this body with the "
                    + account + " account's webhook-secret");
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        }
        catch (JacksonException ex) {
            return Webhook.unreadable("the body is not JSON");
        }
        String type = envelope.path("type").asString();
        JsonNode data = envelope.path("data");
        if (type.isEmpty() || !data.isObject()) {
            return Webhook.unreadable("not a VoIPBIN webhook: expected {\"type\": \"email_updated\", \"data\": {...}}");
        }
        if (type.endsWith("_deleted")) {
            return Webhook.read(signed, List.of(), List.of()); // a deleted record says nothing of its delivery
        }
        if (type.startsWith("message_") && VoipbinStatuses.isInbound(data)) {
            // Only its creation is the text; an update of it (a later status) is the same text again.
            return Webhook.read(signed, List.of(), type.equals("message_created")
                    ? VoipbinStatuses.inbound(account, data).stream().toList() : List.of());
        }
        if (type.startsWith("message_") || type.startsWith("email_")) {
            return Webhook.read(signed, VoipbinStatuses.fromObject(data).stream().toList(), List.of());
        }
        return Webhook.read(signed, List.of(), List.of()); // another resource's events: nothing of ours
    }
}
