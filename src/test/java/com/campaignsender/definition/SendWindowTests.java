package com.campaignsender.definition;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hours a window is open, and when it opens next, including windows across midnight and clock changes. */
class SendWindowTests {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final SendWindow DAYTIME = new SendWindow(LocalTime.of(9, 0), LocalTime.of(20, 0), Optional.of(AMSTERDAM),
            ZoneId.of("UTC"));

    private static Instant at(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, AMSTERDAM).toInstant();
    }

    @Test
    void openFromItsFirstMinuteUntilBeforeItsLast() {
        assertThat(DAYTIME.isOpen(at(12, 2, 8, 59), AMSTERDAM)).isFalse();
        assertThat(DAYTIME.isOpen(at(12, 2, 9, 0), AMSTERDAM)).isTrue();
        assertThat(DAYTIME.isOpen(at(12, 2, 19, 59), AMSTERDAM)).isTrue();
        assertThat(DAYTIME.isOpen(at(12, 2, 20, 0), AMSTERDAM)).isFalse();
    }

    @Test
    void opensNextThisMorningOrTomorrowMorning() {
        assertThat(DAYTIME.nextOpening(at(12, 2, 7, 30), AMSTERDAM)).isEqualTo(at(12, 2, 9, 0));
        assertThat(DAYTIME.nextOpening(at(12, 2, 21, 0), AMSTERDAM)).isEqualTo(at(12, 3, 9, 0));
        assertThat(DAYTIME.nextOpening(at(12, 2, 10, 0), AMSTERDAM)).as("open now").isEqualTo(at(12, 2, 10, 0));
    }

    @Test
    void aWindowAcrossMidnightIsOpenAtBothEndsOfTheDay() {
        SendWindow night = new SendWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), Optional.of(AMSTERDAM), ZoneId.of("UTC"));
        assertThat(night.isOpen(at(12, 2, 23, 0), AMSTERDAM)).isTrue();
        assertThat(night.isOpen(at(12, 3, 5, 59), AMSTERDAM)).isTrue();
        assertThat(night.isOpen(at(12, 3, 12, 0), AMSTERDAM)).isFalse();
        assertThat(night.nextOpening(at(12, 3, 12, 0), AMSTERDAM)).isEqualTo(at(12, 3, 22, 0));
    }

    @Test
    void theNextOpeningIsLocalTimeOnTheDayOfAClockChange() {
        // 29 March 2026: Amsterdam's clocks go from 02:00 to 03:00; nine is still nine.
        assertThat(DAYTIME.nextOpening(at(3, 28, 21, 0), AMSTERDAM)).isEqualTo(at(3, 29, 9, 0));
        assertThat(at(3, 29, 9, 0)).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    void eachRecipientsZoneFallsBackToTheDefaultZone() {
        SendWindow perRecipient = new SendWindow(LocalTime.of(9, 0), LocalTime.of(20, 0), Optional.empty(),
                ZoneId.of("America/New_York"));
        assertThat(perRecipient.perRecipient()).isTrue();
        assertThat(perRecipient.fallbackZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(DAYTIME.fallbackZone()).isEqualTo(AMSTERDAM);
    }
}
