package com.campaignsender.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.ledger.DeliveryState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What this process counts of a run's sending (SPEC section 16): in the registry Prometheus
 * scrapes, and in the run's own, which the report writes into {@code summary.json}.
 */
class CampaignMetersTests {

    private final SimpleMeterRegistry process = new SimpleMeterRegistry();

    @Test
    void aRunsSendingIsCountedInTheProcessAndInTheRunsOwnReadings() {
        CampaignMeters meters = new CampaignMeters(process, false);
        SendMeters sending = meters.sending(7, "voipbin", "email");
        sending.attempted(SendOutcome.Kind.RATE_LIMITED, 2_000_000, 1);
        sending.attempted(SendOutcome.Kind.ACCEPTED, 4_000_000, 2);
        sending.ended(DeliveryState.ACCEPTED);
        sending.attempted(SendOutcome.Kind.ACCEPTED, 6_000_000, 1);
        sending.ended(DeliveryState.ACCEPTED);
        sending.ended(DeliveryState.IN_DOUBT);

        List<MeterReading> readings = meters.readingsOf(7);
        assertThat(count(readings, "campaign.attempts", "answer", "accepted")).isEqualTo(2);
        assertThat(count(readings, "campaign.attempts", "answer", "rate_limited")).isEqualTo(1);
        assertThat(count(readings, "campaign.rate_limited", null, null)).isEqualTo(1);
        assertThat(count(readings, "campaign.retries", null, null)).as("the second request of one message").isEqualTo(1);
        assertThat(count(readings, "campaign.messages", "outcome", "accepted")).isEqualTo(2);
        assertThat(count(readings, "campaign.messages", "outcome", "in_doubt")).isEqualTo(1);
        assertThat(count(readings, "campaign.in_doubt", null, null)).isEqualTo(1);
        MeterReading latency = reading(readings, "campaign.provider.latency", null, null);
        assertThat(latency.values()).containsEntry("count", 3.0).containsEntry("maxMs", 6.0)
                .containsKeys("meanMs", "p50Ms", "p95Ms", "p99Ms");
        assertThat(latency.tags()).containsEntry("provider", "voipbin").containsEntry("channel", "email");
        assertThat(readings).as("sorted by name, then tags").isSortedAccordingTo(
                (a, b) -> a.name().equals(b.name()) ? a.tags().toString().compareTo(b.tags().toString()) : a.name().compareTo(b.name()));

        assertThat(process.get("campaign.attempts").tag("answer", "accepted").counter().count()).isEqualTo(2);
        assertThat(process.get("campaign.messages").tag("outcome", "accepted").counter().count()).isEqualTo(2);
    }

    @Test
    void twoRunsAreReadApartWhileTheProcessCountsBoth() {
        CampaignMeters meters = new CampaignMeters(process, false);
        meters.sending(1, "voipbin", "email").ended(DeliveryState.ACCEPTED);
        meters.sending(2, "voipbin", "email").ended(DeliveryState.ACCEPTED);
        meters.sending(2, "voipbin", "email").ended(DeliveryState.FAILED);

        assertThat(count(meters.readingsOf(1), "campaign.messages", "outcome", "accepted")).isEqualTo(1);
        assertThat(count(meters.readingsOf(1), "campaign.messages", "outcome", "failed")).isZero();
        assertThat(count(meters.readingsOf(2), "campaign.messages", "outcome", "accepted")).isEqualTo(1);
        assertThat(count(meters.readingsOf(2), "campaign.messages", "outcome", "failed")).isEqualTo(1);
        assertThat(process.get("campaign.messages").tag("outcome", "accepted").counter().count()).isEqualTo(2);
    }

    @Test
    void aReportedRunIsForgottenAndTheProcessKeepsCounting() {
        CampaignMeters meters = new CampaignMeters(process, false);
        meters.sending(3, "infobip", "sms").ended(DeliveryState.ACCEPTED);
        meters.forget(3);

        assertThat(meters.readingsOf(3)).isEmpty();
        meters.sending(4, "infobip", "sms").ended(DeliveryState.ACCEPTED);
        assertThat(process.get("campaign.messages").tags("provider", "infobip", "channel", "sms", "outcome", "accepted")
                .counter().count()).isEqualTo(2);
    }

    /** A worker sends partitions of runs its managers report: it keeps no run's registry, which nobody would drop. */
    @Test
    void aWorkerCountsForPrometheusOnlyAndKeepsNoRunsReadings() {
        CampaignMeters meters = new CampaignMeters(process, true);
        meters.sending(5, "voipbin", "sms").ended(DeliveryState.ACCEPTED);

        assertThat(meters.readingsOf(5)).isEmpty();
        assertThat(process.get("campaign.messages").tag("outcome", "accepted").counter().count()).isEqualTo(1);
    }

    @Test
    void theRowsWaitingOfACampaignAreOneGaugeWhateverAsksForIt() {
        CampaignMeters meters = new CampaignMeters(process, false);
        AtomicLong waiting = meters.rowsWaiting("newsletter");
        waiting.set(120);

        assertThat(meters.rowsWaiting("newsletter")).isSameAs(waiting);
        assertThat(process.get("campaign.rows.waiting").tag("campaign", "newsletter").gauge().value()).isEqualTo(120);
        meters.rowsWaiting("other").set(3);
        assertThat(process.get("campaign.rows.waiting").tag("campaign", "newsletter").gauge().value()).isEqualTo(120);
    }

    private static double count(List<MeterReading> readings, String name, String tag, String value) {
        MeterReading reading = readings.stream().filter(matches(name, tag, value)).findFirst().orElse(null);
        return reading == null ? 0 : reading.values().get("count");
    }

    private static MeterReading reading(List<MeterReading> readings, String name, String tag, String value) {
        return readings.stream().filter(matches(name, tag, value)).findFirst().orElseThrow();
    }

    private static Predicate<MeterReading> matches(String name, String tag, String value) {
        return reading -> reading.name().equals(name) && (tag == null || value.equals(reading.tags().get(tag)));
    }
}
