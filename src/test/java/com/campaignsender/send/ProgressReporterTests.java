package com.campaignsender.send;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.Chunk;

import com.campaignsender.gateway.SendRequest;
import com.campaignsender.recipients.LoadProgress;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReporterTests {

    @Test
    void saysHowFarHowFastAndHowLongToGo() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        AtomicReference<Optional<String>> held = new AtomicReference<>(Optional.empty());
        ProgressReporter progress = new ProgressReporter(7, false, null, Clock.fixed(start, ZoneOffset.UTC), held::get,
                new AtomicLong(), LoadProgress.loaded());
        progress.start(1000, start);
        OutgoingMessage message = new OutgoingMessage(1, new SendRequest("r", "a@example.com", "s", null, "t", null), null);
        for (int i = 0; i < 250; i++) {
            progress.count(new Chunk<>(message));
        }
        assertThat(progress.line(start.plusSeconds(10))).isEqualTo("Run 7: sent 250 of 1000 (25%), 25.0/s, 30s left");

        held.set(Optional.of("voipbin unavailable since 10:00:08, next probe 10:00:13"));
        assertThat(progress.line(start.plusSeconds(10))).isEqualTo("Run 7: sent 250 of 1000 (25%), 25.0/s, 30s left; "
                + "voipbin unavailable since 10:00:08, next probe 10:00:13");
    }

    @Test
    void aDryRunSaysWhatItWouldSend() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        ProgressReporter progress = new ProgressReporter(8, true, null, Clock.fixed(start, ZoneOffset.UTC), Optional::empty,
                new AtomicLong(), LoadProgress.loaded());
        progress.start(49, start);
        OutgoingMessage message = new OutgoingMessage(1, new SendRequest("r", "a@example.com", "s", null, "t", null), null);
        for (int i = 0; i < 49; i++) {
            progress.count(new Chunk<>(message));
        }
        assertThat(progress.line(start.plusSeconds(1))).isEqualTo("Run 8 (dry run): would send 49 of 49 (100%), 49.0/s, 0s left");
    }
}
