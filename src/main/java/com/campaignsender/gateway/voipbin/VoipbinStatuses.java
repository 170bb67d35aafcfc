package com.campaignsender.gateway.voipbin;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.campaignsender.gateway.InboundText;
import com.campaignsender.gateway.ProviderStatus;

/**
 * A VoIPBIN Email or Message object read as a status, the one mapping shared by polls and
 * callbacks; or, for a Message a recipient sent us ({@code direction: inbound}), read as their text.
 */
final class VoipbinStatuses {

    private VoipbinStatuses() {
    }

    static Optional<ProviderStatus> fromObject(JsonNode object) {
        String id = object.path("id").asString();
        if (id.isEmpty() || isInbound(object)) {
            // An inbound text is no status of anything we sent.
            return Optional.empty();
        }
        if (object.has("targets")) {
            JsonNode target = object.path("targets").path(0);
            String status = target.path("status").asString();
            return Optional.of(new ProviderStatus(id, target.path("destination").path("target").asString(), status,
                    VoipbinSmsGateway.outcome(status)));
        }
        String status = object.path("status").asString();
        return Optional.of(new ProviderStatus(id, object.path("destinations").path(0).path("target").asString(), status,
                VoipbinEmailGateway.outcome(status), VoipbinEmailGateway.feedback(status)));
    }

    static Optional<InboundText> inbound(String account, JsonNode object) {
        String id = object.path("id").asString();
        if (id.isEmpty() || !isInbound(object)) {
            return Optional.empty();
        }
        return Optional.of(new InboundText(account, id, object.path("source").path("target").asString().strip(),
                object.path("text").asString()));
    }

    static boolean isInbound(JsonNode object) {
        return "inbound".equals(object.path("direction").asString());
    }
}
