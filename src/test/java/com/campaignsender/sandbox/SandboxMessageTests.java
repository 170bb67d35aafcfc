package com.campaignsender.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.account.TickingClock;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxMessageTests {

    private static final Duration STEP = Duration.ofMillis(200);

    private final TickingClock clock = new TickingClock(Duration.ZERO);
    private final Instant created = clock.instant();
    private final SandboxStore store = new SandboxStore(clock);
    private final SandboxSettings settings = SandboxSettings.plain(STEP);
    private final SandboxFaults faults = new SandboxFaults(settings);
    private final VoipbinSandboxHandler voipbin = new VoipbinSandboxHandler(store, settings, faults, JsonMapper.builder().build());
    private final InfobipSandboxHandler infobip = new InfobipSandboxHandler(store, settings, faults, JsonMapper.builder().build());

    private SandboxMessage message(String kind, String to) {
        return new SandboxMessage("id", kind, "news@example.com", to, "s", "c", created, Map.of());
    }

    /** Answers what {@code status} reads at {@code age}. */
    private <T> T at(Duration age, java.util.function.Supplier<T> status) {
        clock.advance(Duration.between(clock.instant(), created.plus(age)));
        return status.get();
    }

    @Test
    void aMessagesFateIsItsRecipientsChoice() {
        assertThat(message("any", "ann@example.com").fate()).isEqualTo(SandboxMessage.Fate.DELIVERED);
        assertThat(message("any", "bounce.kim@example.com").fate()).isEqualTo(SandboxMessage.Fate.BOUNCED);
        assertThat(message("any", "Drop@example.com").fate()).isEqualTo(SandboxMessage.Fate.DROPPED);
        assertThat(message("any", "expire@example.com").fate()).isEqualTo(SandboxMessage.Fate.EXPIRED);
        assertThat(message("any", "+14155550000").fate()).isEqualTo(SandboxMessage.Fate.FAILED);
        assertThat(message("any", "+14155559999").fate()).isEqualTo(SandboxMessage.Fate.TIMED_OUT);
        assertThat(message("any", "+12025551001").fate()).isEqualTo(SandboxMessage.Fate.DELIVERED);
    }

    @Test
    void voipbinEmailStatusesProgressToTheFateTheRecipientChose() {
        SandboxMessage ann = message(VoipbinSandboxHandler.EMAIL, "ann@example.com");
        assertThat(at(Duration.ZERO, () -> voipbin.status(ann))).isEqualTo("initiated");
        assertThat(at(STEP, () -> voipbin.status(ann))).isEqualTo("processed");
        assertThat(at(STEP.multipliedBy(2), () -> voipbin.status(ann))).isEqualTo("delivered");
        assertThat(voipbin.status(message(VoipbinSandboxHandler.EMAIL, "bounce.kim@example.com"))).isEqualTo("bounce");
        assertThat(voipbin.status(message(VoipbinSandboxHandler.EMAIL, "drop@example.com"))).isEqualTo("dropped");
        assertThat(voipbin.status(message(VoipbinSandboxHandler.EMAIL, "expire@example.com")))
                .as("VoIPBIN email has no expiry").isEqualTo("delivered");
    }

    @Test
    void voipbinSmsStatusesProgressToTheFateTheNumberChose() {
        SandboxMessage text = message(VoipbinSandboxHandler.SMS, "+12025551001");
        assertThat(at(Duration.ZERO, () -> voipbin.status(text))).isEqualTo("queued");
        assertThat(at(STEP, () -> voipbin.status(text))).isEqualTo("sent");
        assertThat(at(Duration.ofSeconds(1), () -> voipbin.status(text))).isEqualTo("delivered");
        assertThat(voipbin.status(message(VoipbinSandboxHandler.SMS, "+14155550000"))).isEqualTo("failed");
        assertThat(voipbin.status(message(VoipbinSandboxHandler.SMS, "+14155559999"))).isEqualTo("dlr_timeout");
    }

    @Test
    void infobipStatusesStayPendingThenReachTheirGroup() {
        SandboxMessage ann = message(InfobipSandboxHandler.EMAIL, "ann@example.com");
        SandboxMessage bounce = message(InfobipSandboxHandler.EMAIL, "bounce@example.com");
        assertThat(at(STEP, () -> infobip.status(ann))).containsEntry("name", "PENDING_ACCEPTED").containsEntry("groupId", 1);
        assertThat(ann.isFinal(clock.instant(), STEP)).isFalse();
        assertThat(at(Duration.ofSeconds(1), () -> infobip.status(ann))).containsEntry("name", "DELIVERED_TO_HANDSET")
                .containsEntry("groupName", "DELIVERED");
        assertThat(infobip.status(bounce)).containsEntry("groupName", "UNDELIVERABLE");
        assertThat(infobip.status(message(InfobipSandboxHandler.EMAIL, "expire@example.com"))).containsEntry("groupName", "EXPIRED");
        assertThat(bounce.isFinal(clock.instant(), STEP)).isTrue();
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
