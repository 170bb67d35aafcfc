package com.campaignsender.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.campaignsender.account.TickingClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the run's own sending can no longer create messages, by the provider's clock: what a
 * slice of the listing may end at and still hold all it will ever hold of the run.
 */
class CreationHorizonTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final TickingClock clock = new TickingClock(Duration.ZERO);
    private final CreationHorizon horizon = new CreationHorizon(clock);

    @Test
    void thereIsNoneUntilAnAnswerHasToldTheProvidersClock() {
        horizon.out(T0);
        assertThat(horizon.now()).isEmpty();
        assertThat(horizon.providerClock()).isEmpty();
    }

    @Test
    void itTrailsTheOldestChunkNotYetRecordedOnTheProvidersClock() {
        // The provider's clock is two seconds ahead: a message asked for at T0 and answered at once was created at T0 + 2 s.
        horizon.answered(T0, T0.plusSeconds(2));
        assertThat(horizon.now()).contains(T0.plusSeconds(2).minus(MARGIN));

        horizon.out(T0);
        clock.advance(Duration.ofSeconds(10));
        assertThat(horizon.now()).as("a chunk out since T0").contains(T0.plusSeconds(2).minus(MARGIN));

        horizon.recorded(T0);
        assertThat(horizon.now()).contains(T0.plusSeconds(12).minus(MARGIN));
    }

    @Test
    void theAnswersBoundTheProvidersClockFromBothSides() {
        clock.advance(Duration.ofSeconds(3));
        horizon.answered(T0, T0.minusSeconds(1)); // left at T0, answered at T0 + 3 s, created at T0 - 1 s by its clock
        horizon.answered(T0.plusSeconds(2), T0.plusSeconds(1)); // left at T0 + 2 s, answered at T0 + 3 s

        assertThat(horizon.providerClock()).contains(new CreationHorizon.ProviderClock(Duration.ofSeconds(-2),
                Duration.ofSeconds(-1)));
        assertThat(horizon.now()).as("the largest created-minus-answered counts").contains(T0.plusSeconds(1).minus(MARGIN));
    }

    @Test
    void onceSendingIsOverNothingMoreIsCreated() {
        horizon.out(T0);
        horizon.over();
        assertThat(horizon.now()).isEqualTo(Optional.of(Instant.MAX));
    }
}
