package com.campaignsender.gateway.infobip;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.DeliveryOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status group of Infobip's contract read as SPEC section 7 maps it; a group it does not document, in flight. */
class InfobipStatusWordsTests {

    @Test
    void everyStatusGroupOfTheContract() {
        Map<String, DeliveryOutcome> expected = Map.of("PENDING", DeliveryOutcome.IN_FLIGHT,
                "DELIVERED", DeliveryOutcome.DELIVERED, "UNDELIVERABLE", DeliveryOutcome.BOUNCED,
                "EXPIRED", DeliveryOutcome.EXPIRED, "REJECTED", DeliveryOutcome.FAILED, "SCHEDULED", DeliveryOutcome.IN_FLIGHT);
        expected.forEach((group, outcome) -> assertThat(InfobipEmailGateway.outcome(group)).as(group).isEqualTo(outcome));
    }
}
