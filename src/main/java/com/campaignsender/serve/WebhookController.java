package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
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
 * Infobip's Basic authentication): 401 and nothing applied without it. The path secret has been
 * checked before (404 without it, so that the endpoint does not announce itself, see
 * {@code security.WebhookPathSecretFilter}); only then is the body read, 1 MB at most (413 above). Statuses are applied as a
 * poll applies them, guarded by the delivery state machine, so unknown message ids and replays
 * change nothing and are answered 200, and providers do not retry them.
 */
@RestController
@ServeOnly
class WebhookController {

    /** The largest push taken: a provider's status batch is a few kilobytes. */
    static final int MAX_BODY = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final StatusRecorder statuses;
    private final ProviderRegistry providers;
    private final InboundTexts inbound;

    WebhookController(StatusRecorder statuses, ProviderRegistry providers, InboundTexts inbound) {
        this.statuses = statuses;
        this.providers = providers;
        this.inbound = inbound;
    }

    @PostMapping("/webhooks/{account}/{secret}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String account, HttpServletRequest request)
            throws IOException {
        Optional<AccountConnection> connection = providers.find(account);
        if (connection.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Optional<byte[]> body = body(request);
        if (body.isEmpty()) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(Map.of("error", "a webhook body may have " + MAX_BODY + " bytes at most"));
        }
        Webhook webhook = connection.get().readWebhook(body.get(), request::getHeader);
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
                if (!webhook.texts().isEmpty() && !webhook.authenticated()) {
                    // Anyone who learnt the path could opt any number out, or back in after a STOP.
                    log.warn("Ignored {} text(s) sent to the {} account's webhook: a STOP or START counts only on a push "
                            + "that carries the account's webhook credential (README, \"Webhooks\")", webhook.texts().size(),
                            account);
                    applied.put("inbound", "IGNORED");
                }
                else {
                    for (InboundText text : webhook.texts()) {
                        applied.put("inbound", inbound.receive(text).name());
                    }
                }
                this.statuses.record(webhook.statuses(), account + " webhook");
                applied.put("statuses", webhook.statuses().size());
                return ResponseEntity.ok(applied);
            }
        }
    }

    /** The body, read only now that the path secret has matched, and only up to the cap: empty when it is larger. */
    private static Optional<byte[]> body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
        }
    }
}
