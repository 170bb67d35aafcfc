package com.campaignsender.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.campaignsender.gateway.ProviderStatus.Feedback;
import com.campaignsender.gateway.infobip.InfobipStatuses;
import com.campaignsender.gateway.voipbin.VoipbinStatuses;

/**
 * Reads what a provider pushes to our webhooks into the same statuses a poll reads, so that a
 * callback and a poll can never disagree about what a status means.
 */
public final class ProviderCallbacks {

    private ProviderCallbacks() {
    }

    /** VoIPBIN pushes the Email or Message object whose status changed (assumed: providers.md). */
    public static List<ProviderStatus> voipbin(JsonNode body) {
        return VoipbinStatuses.fromObject(body).map(List::of).orElse(List.of());
    }

    /** VoIPBIN pushes the Message objects of texts sent to the account's numbers too (providers.md). */
    public static Optional<InboundText> voipbinInbound(JsonNode body) {
        return VoipbinStatuses.inbound(body);
    }

    /**
     * Infobip pushes delivery reports ({@code {"results": [...]}}, the shape of its reports) and
     * tracking notifications ({@code notificationType}: unsubscribes, complaints, late bounces).
     */
    public static List<ProviderStatus> infobip(JsonNode body) {
        List<ProviderStatus> statuses = new ArrayList<>();
        if (body.has("results")) {
            body.path("results").forEach(report -> statuses.add(InfobipStatuses.fromReport(report)));
        }
        else if (body.has("notificationType")) {
            String messageId = body.path("messageId").asString();
            String recipient = body.path("recipient").asString();
            switch (body.path("notificationType").asString()) {
                case "UNSUBSCRIBED" -> statuses.add(new ProviderStatus(messageId, recipient, "UNSUBSCRIBED",
                        DeliveryOutcome.DELIVERED, Feedback.UNSUBSCRIBE));
                case "COMPLAINED" -> statuses.add(new ProviderStatus(messageId, recipient, "COMPLAINED",
                        DeliveryOutcome.DELIVERED, Feedback.COMPLAINT));
                case "LATE_BOUNCE" -> statuses.add(new ProviderStatus(messageId, recipient, "LATE_BOUNCE",
                        DeliveryOutcome.BOUNCED, Feedback.BOUNCE));
                default -> {
                    // OPENED, CLICKED: the message was delivered; nothing changes in the ledger.
                }
            }
        }
        return statuses;
    }
}
