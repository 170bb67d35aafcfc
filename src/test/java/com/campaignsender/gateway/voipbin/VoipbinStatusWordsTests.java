package com.campaignsender.gateway.voipbin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Webhook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every status word of VoIPBIN's contract (providers.md) read as SPEC section 7 maps it, and a
 * word the contract does not have kept as it came and taken as in flight, never as delivered;
 * its webhook envelope read by type.
 */
class VoipbinStatusWordsTests {

    private final VoipbinWebhooks webhooks = new VoipbinWebhooks("voipbin", null, JsonMapper.builder().build());

    @Test
    void everyEmailStatusOfTheContract() {
        Map<String, DeliveryOutcome> expected = Map.ofEntries(Map.entry("", DeliveryOutcome.IN_FLIGHT),
                Map.entry("initiated", DeliveryOutcome.IN_FLIGHT), Map.entry("processed", DeliveryOutcome.IN_FLIGHT),
                Map.entry("deferred", DeliveryOutcome.IN_FLIGHT), Map.entry("delivered", DeliveryOutcome.DELIVERED),
                Map.entry("open", DeliveryOutcome.DELIVERED), Map.entry("click", DeliveryOutcome.DELIVERED),
                Map.entry("unsubscribe", DeliveryOutcome.DELIVERED), Map.entry("spamreport", DeliveryOutcome.DELIVERED),
                Map.entry("bounce", DeliveryOutcome.BOUNCED), Map.entry("dropped", DeliveryOutcome.FAILED),
                Map.entry("quarantined", DeliveryOutcome.IN_FLIGHT));
        expected.forEach((word, outcome) -> assertThat(VoipbinEmailGateway.outcome(word)).as(word).isEqualTo(outcome));
    }

    @Test
    void everyMessageTargetStatusOfTheContract() {
        Map<String, DeliveryOutcome> expected = Map.of("queued", DeliveryOutcome.IN_FLIGHT, "sent", DeliveryOutcome.IN_FLIGHT,
                "delivered", DeliveryOutcome.DELIVERED, "failed", DeliveryOutcome.FAILED,
                "gw_timeout", DeliveryOutcome.EXPIRED, "dlr_timeout", DeliveryOutcome.EXPIRED,
                "carrier_hold", DeliveryOutcome.IN_FLIGHT);
        expected.forEach((word, outcome) -> assertThat(VoipbinSmsGateway.outcome(word)).as(word).isEqualTo(outcome));
    }

    @Test
    void anUnknownWordIsKeptAsItCame() {
        Webhook read = push("email_updated", """
                {"id": "e1", "status": "quarantined", "destinations": [{"type": "email", "target": "ann@example.com"}]}""");
        assertThat(read.statuses()).singleElement().satisfies(status -> {
            assertThat(status.status()).isEqualTo("quarantined");
            assertThat(status.isFinal()).isFalse();
        });
    }

    @Test
    void theEnvelopesTypeSaysWhatItCarries() {
        String inbound = """
                {"id": "m1", "type": "sms", "direction": "inbound", "source": {"type": "tel", "target": "+31612345678"},
                 "targets": [{"destination": {"type": "tel", "target": "+15551234567"}, "status": "received"}], "text": "STOP"}""";
        assertThat(push("message_created", inbound).texts()).singleElement()
                .satisfies(text -> assertThat(text.from()).isEqualTo("+31612345678"));
        assertThat(push("message_updated", inbound).texts()).as("the same text again").isEmpty();
        assertThat(push("message_updated", inbound).statuses()).as("an inbound text is no status of ours").isEmpty();
        assertThat(push("email_deleted", "{\"id\": \"e1\", \"status\": \"delivered\"}").statuses()).isEmpty();
        assertThat(push("message_updated", """
                {"id": "m2", "direction": "outbound", "targets": [{"destination": {"type": "tel", "target": "+31612345678"},
                 "status": "delivered"}]}""").statuses()).singleElement()
                .satisfies(status -> assertThat(status.outcome()).isEqualTo(DeliveryOutcome.DELIVERED));
        assertThat(push("call_updated", "{\"id\": \"c1\"}")).isEqualTo(Webhook.read(false, List.of(), List.of()));
    }

    private Webhook push(String type, String object) {
        String body = "{\"type\": \"" + type + "\", \"data\": " + object + "}";
        return webhooks.read(body.getBytes(StandardCharsets.UTF_8), header -> null);
    }
}
