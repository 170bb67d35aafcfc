package com.campaignsender.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.campaignsender.gateway.InboundText;
import com.campaignsender.gateway.ProviderCallbacks;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.reconcile.StatusRecorder;
import com.campaignsender.rights.InboundTexts;

/**
 * Provider webhooks (SPEC section 11): status changes pushed by VoIPBIN and Infobip are applied
 * to the ledger as they arrive, as a poll would apply them. The secret in the path is required
 * (404 without it, so that the endpoint does not announce itself); unknown message ids and
 * replays change nothing and are answered 200, so that providers do not retry them. VoIPBIN
 * also pushes the texts recipients send to the account's numbers: a STOP is obeyed here.
 */
@RestController
@ServeOnly
class WebhookController {

    private final StatusRecorder statuses;
    private final ServerSettings settings;
    private final JsonMapper json;
    private final InboundTexts inbound;

    WebhookController(StatusRecorder statuses, ServerSettings settings, JsonMapper json, InboundTexts inbound) {
        this.statuses = statuses;
        this.settings = settings;
        this.json = json;
        this.inbound = inbound;
    }

    @PostMapping("/webhooks/voipbin/{secret}")
    ResponseEntity<Map<String, Object>> voipbin(@PathVariable String secret, @RequestBody String body) {
        return receive(secret, body, "voipbin");
    }

    @PostMapping("/webhooks/infobip/{secret}")
    ResponseEntity<Map<String, Object>> infobip(@PathVariable String secret, @RequestBody String body) {
        return receive(secret, body, "infobip");
    }

    private ResponseEntity<Map<String, Object>> receive(String secret, String body, String provider) {
        String expected = settings.webhookSecret();
        if (expected == null || expected.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        }
        catch (JacksonException ex) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is not JSON"));
        }
        Optional<InboundText> text = provider.equals("voipbin") ? ProviderCallbacks.voipbinInbound(node) : Optional.empty();
        if (text.isPresent()) {
            return ResponseEntity.ok(Map.of("inbound", inbound.receive(text.get()).name()));
        }
        List<ProviderStatus> statuses = provider.equals("voipbin") ? ProviderCallbacks.voipbin(node) : ProviderCallbacks.infobip(node);
        this.statuses.record(statuses, provider + " webhook");
        return ResponseEntity.ok(Map.of("statuses", statuses.size()));
    }
}
