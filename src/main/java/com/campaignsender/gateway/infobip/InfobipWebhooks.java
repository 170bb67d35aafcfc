package com.campaignsender.gateway.infobip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.ProviderStatus.Feedback;
import com.campaignsender.gateway.Webhook;
import com.campaignsender.gateway.WebhookCredentials;

/**
 * What Infobip pushes: delivery reports to {@code notifyUrl} ({@code {"results": [...]}}, the
 * shape of its reports) and tracking notifications to {@code trackingUrl} ({@code notificationType}:
 * unsubscribes, complaints, late bounces). Infobip's documented choice for webhook security is
 * Basic authentication on the notification profile: with {@code webhook-username} and
 * {@code webhook-password} set, a push without them is refused whole.
 */
final class InfobipWebhooks {

    private final String account;
    private final String prefix;
    private final AccountSettings settings;
    private final JsonMapper json;

    InfobipWebhooks(String account, String prefix, AccountSettings settings, JsonMapper json) {
        this.account = account;
        this.prefix = prefix;
        this.settings = settings;
        this.json = json;
    }

    Webhook read(byte[] body, Function<String, String> headers) {
        boolean authenticated = settings.webhookUsername() != null;
        if (authenticated && !WebhookCredentials.basic(settings.webhookUsername(),
                settings.webhookPassword(), headers.apply("Authorization"))) {
            return Webhook.unauthenticated("Basic authentication missing or not " + prefix
                    + ".webhook-username and .webhook-password (the " + account + " account's notification profile)");
        }
        JsonNode push;
        try {
            push = json.readTree(body);
        }
        catch (JacksonException ex) {
            return Webhook.unreadable("the body is not JSON");
        }
        if (push.has("results")) {
            List<ProviderStatus> statuses = new ArrayList<>();
            push.path("results").forEach(report -> statuses.add(InfobipStatuses.fromReport(report)));
            return Webhook.read(authenticated, statuses, List.of());
        }
        if (push.has("notificationType")) {
            return Webhook.read(authenticated, tracking(push), List.of());
        }
        return Webhook.unreadable("not an Infobip delivery report ({\"results\": [...]}) or tracking notification");
    }

    private static List<ProviderStatus> tracking(JsonNode notification) {
        String messageId = notification.path("messageId").asString();
        String recipient = notification.path("recipient").asString();
        return switch (notification.path("notificationType").asString()) {
            case "UNSUBSCRIBED" -> List.of(new ProviderStatus(messageId, recipient, "UNSUBSCRIBED",
                    DeliveryOutcome.DELIVERED, Feedback.UNSUBSCRIBE));
            case "COMPLAINED" -> List.of(new ProviderStatus(messageId, recipient, "COMPLAINED",
                    DeliveryOutcome.DELIVERED, Feedback.COMPLAINT));
            case "LATE_BOUNCE" -> List.of(new ProviderStatus(messageId, recipient, "LATE_BOUNCE",
                    DeliveryOutcome.BOUNCED, Feedback.BOUNCE));
            // OPENED, CLICKED: the message was delivered; nothing changes in the ledger.
            default -> List.of();
        };
    }
}
