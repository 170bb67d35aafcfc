package com.campaignsender.recipients;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.campaignsender.definition.SendWindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a recipient's day is read for a send window in each recipient's zone. */
class RecipientZonesTests {

    private static final RecipientZones PER_RECIPIENT = RecipientZones.of(Optional.of(new SendWindow(LocalTime.of(9, 0),
            LocalTime.of(20, 0), Optional.empty(), ZoneId.of("UTC"))));

    @Test
    void aNumbersCountryAndAreaGiveItsZone() {
        assertThat(PER_RECIPIENT.of("+31612345678", Map.of())).contains("Europe/Amsterdam");
        assertThat(PER_RECIPIENT.of("+12125552002", Map.of())).contains("America/New_York");
        assertThat(PER_RECIPIENT.of("+13105550100", Map.of())).contains("America/Los_Angeles");
    }

    @Test
    void theTimezoneColumnWinsAndAnUnknownOneIsRefusedByName() {
        assertThat(PER_RECIPIENT.of("+31612345678", Map.of("timezone", " Asia/Tokyo "))).contains("Asia/Tokyo");
        assertThat(PER_RECIPIENT.of("+31612345678", Map.of("timezone", ""))).contains("Europe/Amsterdam");
        assertThatThrownBy(() -> PER_RECIPIENT.of("+31612345678", Map.of("timezone", "Mars/Olympus")))
                .hasMessage("unknown time zone 'Mars/Olympus' in column 'timezone' (a zone like Europe/Amsterdam)");
    }

    @Test
    void anEmailAddressWithoutAColumnHasNoZoneOfItsOwn() {
        assertThat(PER_RECIPIENT.of("ann@example.com", Map.of())).isEmpty();
        assertThat(PER_RECIPIENT.of("ann@example.com", Map.of("timezone", "Europe/Paris"))).contains("Europe/Paris");
    }

    @Test
    void aWindowInOneZoneGivesNoRowAZone() {
        RecipientZones fixed = RecipientZones.of(Optional.of(new SendWindow(LocalTime.of(9, 0), LocalTime.of(20, 0),
                Optional.of(ZoneId.of("Europe/Amsterdam")), ZoneId.of("UTC"))));
        assertThat(fixed.of("+12125552002", Map.of("timezone", "Asia/Tokyo"))).isEmpty();
        assertThat(RecipientZones.of(Optional.empty()).of("+12125552002", Map.of())).isEmpty();
    }
}
