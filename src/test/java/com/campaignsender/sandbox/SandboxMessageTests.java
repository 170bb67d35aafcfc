package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxMessageTests {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration STEP = Duration.ofMillis(200);

    private static SandboxMessage email(String to) {
        return new SandboxMessage("id", SandboxMessage.Kind.VOIPBIN_EMAIL, "news@example.com", to, "s", "c", CREATED, Map.of());
    }

    private static SandboxMessage sms(String to) {
        return new SandboxMessage("id", SandboxMessage.Kind.VOIPBIN_SMS, "+15551234567", to, null, "c", CREATED, Map.of());
    }

    @Test
    void emailStatusesProgressToTheOutcomeTheRecipientChose() {
        assertThat(email("ann@example.com").status(CREATED, STEP)).isEqualTo("initiated");
        assertThat(email("ann@example.com").status(CREATED.plus(STEP), STEP)).isEqualTo("processed");
        assertThat(email("ann@example.com").status(CREATED.plus(STEP.multipliedBy(2)), STEP)).isEqualTo("delivered");
        assertThat(email("bounce.kim@example.com").status(CREATED.plusSeconds(1), STEP)).isEqualTo("bounce");
        assertThat(email("drop@example.com").status(CREATED.plusSeconds(1), STEP)).isEqualTo("dropped");
    }

    @Test
    void smsStatusesProgressToTheOutcomeTheNumberChose() {
        assertThat(sms("+12025551001").status(CREATED, STEP)).isEqualTo("queued");
        assertThat(sms("+12025551001").status(CREATED.plus(STEP), STEP)).isEqualTo("sent");
        assertThat(sms("+12025551001").status(CREATED.plusSeconds(1), STEP)).isEqualTo("delivered");
        assertThat(sms("+14155550000").status(CREATED.plusSeconds(1), STEP)).isEqualTo("failed");
        assertThat(sms("+14155559999").status(CREATED.plusSeconds(1), STEP)).isEqualTo("dlr_timeout");
    }

    @Test
    void infobipStatusesStayPendingThenReachTheirGroup() {
        SandboxMessage ann = new SandboxMessage("id", SandboxMessage.Kind.INFOBIP_EMAIL, "news@example.com",
                "ann@example.com", "s", "c", CREATED, Map.of());
        SandboxMessage bounce = new SandboxMessage("id", SandboxMessage.Kind.INFOBIP_EMAIL, "news@example.com",
                "bounce@example.com", "s", "c", CREATED, Map.of());
        assertThat(ann.status(CREATED.plus(STEP), STEP)).isEqualTo("PENDING_ACCEPTED");
        assertThat(ann.isFinal(CREATED.plus(STEP), STEP)).isFalse();
        assertThat(ann.status(CREATED.plusSeconds(1), STEP)).isEqualTo("DELIVERED_TO_HANDSET");
        assertThat(SandboxMessage.infobipGroup(bounce.status(CREATED.plusSeconds(1), STEP))).isEqualTo("UNDELIVERABLE");
        assertThat(bounce.isFinal(CREATED.plusSeconds(1), STEP)).isTrue();
    }

    @Test
    void countsSmsSegmentsAsProvidersCharge() {
        assertThat(SmsParts.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsParts.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsParts.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsParts.count("€".repeat(81))).isEqualTo(2);
        assertThat(SmsParts.count("é".repeat(160))).isEqualTo(1);
        assertThat(SmsParts.count("ł".repeat(70))).isEqualTo(1);
        assertThat(SmsParts.count("ł".repeat(71))).isEqualTo(2);
        assertThat(SmsParts.count("😀".repeat(35))).isEqualTo(1);
        assertThat(SmsParts.count("😀".repeat(36))).isEqualTo(2);
    }
}
