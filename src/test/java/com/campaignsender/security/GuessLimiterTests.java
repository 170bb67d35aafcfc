package com.campaignsender.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.campaignsender.send.ShiftedClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Ten failures a minute per client address; the eleventh try waits for the minute to give one back. */
class GuessLimiterTests {

    private final ShiftedClock clock = new ShiftedClock();
    private final GuessLimiter guesses = new GuessLimiter(clock);

    @Test
    void aClientThatFailedTenTimesWaitsAndOthersDoNot() {
        for (int failure = 1; failure <= GuessLimiter.PER_MINUTE; failure++) {
            assertThat(guesses.refusal("203.0.113.1")).as("before failure %d", failure).isEmpty();
            guesses.failed("203.0.113.1", "A wrong token");
        }

        assertThat(guesses.refusal("203.0.113.1")).hasValueSatisfying(wait -> assertThat(wait)
                .isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(Duration.ofSeconds(6)));
        assertThat(guesses.refusal("203.0.113.2")).isEmpty();

        clock.advance(Duration.ofSeconds(6));
        assertThat(guesses.refusal("203.0.113.1")).as("one try back after a tenth of the minute").isEmpty();
        guesses.failed("203.0.113.1", "A wrong token");
        assertThat(guesses.refusal("203.0.113.1")).isPresent();

        clock.advance(Duration.ofMinutes(1));
        assertThat(guesses.refusal("203.0.113.1")).isEmpty();
    }
}
