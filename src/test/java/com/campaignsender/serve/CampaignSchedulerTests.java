package com.campaignsender.serve;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignDefinition.Schedule;
import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/** Which firing of a schedule is due, given the last one claimed and the grace period. */
class CampaignSchedulerTests {

    private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

    private Instant lastClaimed;

    private final ScheduleFirings firings = new ScheduleFirings(null, Clock.systemUTC()) {
        @Override
        Optional<Instant> last(String campaign) {
            return Optional.ofNullable(lastClaimed);
        }
    };

    private final CampaignScheduler scheduler = new CampaignScheduler(null, null, null, firings, Clock.systemUTC());

    private static CampaignDefinition daily(String cron, Duration grace) {
        return new CampaignDefinition(Path.of("jobs/x.yml"), "x", Channel.EMAIL, "voipbin",
                new CampaignDefinition.Sender("news@example.com", ""), null, null, List.of(), List.of(), List.of(), Map.of(),
                Optional.of(new Schedule(cron, ZoneId.of("Europe/Amsterdam"), grace)),
                new CampaignDefinition.Limits(Rate.parse("1/s"), 1, 1, 1, 1, 0.2, Duration.ofMinutes(30)), null, false, false,
                Optional.empty(), List.of());
    }

    @Test
    void runsAFiringMissedWithinTheGracePeriodLate() {
        // 10:00 in Amsterdam is 09:00 UTC: missed half an hour ago, within the hour of grace.
        assertThat(scheduler.latestDue(daily("0 0 10 * * *", Duration.ofHours(1)), NOW))
                .contains(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void skipsAFiringMissedBeyondTheGracePeriod() {
        assertThat(scheduler.latestDue(daily("0 0 10 * * *", Duration.ofMinutes(15)), NOW)).isEmpty();
    }

    @Test
    void neverRunsAClaimedFiringAgain() {
        lastClaimed = Instant.parse("2026-11-23T09:00:00Z");
        assertThat(scheduler.latestDue(daily("0 0 10 * * *", Duration.ofHours(1)), NOW)).isEmpty();
    }

    @Test
    void runsOnlyTheLatestOfSeveralMissedFirings() {
        assertThat(scheduler.latestDue(daily("0 */10 * * * *", Duration.ofHours(1)), NOW))
                .contains(Instant.parse("2026-11-23T09:30:00Z"));
    }
}
