package com.campaignsender.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.InboundText;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.Webhook;
import com.campaignsender.reconcile.StatusRecorder;
import com.campaignsender.rights.InboundTexts;

/**
 * Provider webhooks (SPEC sections 11 and 18), one URL per account:
 * {@code /webhooks/<account>/<campaign.serve.webhook-secret>}. What the account's provider pushes
 * (statuses, and for VoIPBIN the texts recipients send: a STOP is obeyed here) is read by the
 * provider's own reader, which first checks the account's webhook credential (VoIPBIN's signature,
 * Infobip's Basic authentication): 401 and nothing applied without it. The path secret is required
 * too (404 without it, so that the endpoint does not announce itself). Statuses are applied as a
 * poll applies them, guarded by the delivery state machine, so unknown message ids and replays
 * change nothing and are answered 200, and providers do not retry them.
 */
@RestController
@ServeOnly
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final StatusRecorder statuses;
    private final ServerSettings settings;
    private final ProviderRegistry providers;
    private final InboundTexts inbound;

    WebhookController(StatusRecorder statuses, ServerSettings settings, ProviderRegistry providers, InboundTexts inbound) {
        this.statuses = statuses;
        this.settings = settings;
        this.providers = providers;
        this.inbound = inbound;
    }

    @PostMapping("/webhooks/{account}/{secret}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String account, @PathVariable String secret,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        Optional<AccountConnection> connection = providers.find(account);
        if (connection.isEmpty() || !pathSecretMatches(secret)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Webhook webhook = connection.get().readWebhook(body == null ? new byte[0] : body, request::getHeader);
        switch (webhook.verdict()) {
            case UNAUTHENTICATED -> {
                log.warn("Refused a push to the {} account's webhook from {}: {}", account, request.getRemoteAddr(),
                        webhook.refusal());
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", webhook.refusal()));
            }
            case UNREADABLE -> {
                return ResponseEntity.badRequest().body(Map.of("error", webhook.refusal()));
            }
            default -> {
                Map<String, Object> applied = new LinkedHashMap<>();
                for (InboundText text : webhook.texts()) {
                    applied.put("inbound", inbound.receive(text).name());
                }
                this.statuses.record(webhook.statuses(), account + " webhook");
                applied.put("statuses", webhook.statuses().size());
                return ResponseEntity.ok(applied);
            }
        }
    }

    private boolean pathSecretMatches(String secret) {
        String expected = settings.webhookSecret();
        return expected != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
