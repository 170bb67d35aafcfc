package com.campaignsender.rights;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe page shows whose address a link is for: enough for its owner to recognise,
 * too little for whoever else opens the link (a forwarded message) to learn it.
 */
class UnsubscribesTests {

    @Test
    void anEmailAddressShowsItsFirstLetterAndDomain() {
        assertThat(recipient("jane.doe@example.com").masked()).isEqualTo("j***@example.com");
    }

    @Test
    void aPhoneNumberShowsItsCountryCodeAndLastTwoDigits() {
        assertThat(recipient("+31612345678").masked()).isEqualTo("+31*******78");
    }

    @Test
    void aShortValueShowsNothing() {
        assertThat(recipient("12345").masked()).isEqualTo("***");
    }

    private static Unsubscribes.Recipient recipient(String address) {
        return new Unsubscribes.Recipient(new UnsubscribeLinks.Target(1, 1), "newsletter", address, false);
    }
}
