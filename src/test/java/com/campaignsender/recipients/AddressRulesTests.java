package com.campaignsender.recipients;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.campaignsender.gateway.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRulesTests {

    @Nested
    class Email {

        private final AddressRules rules = new AddressRules(Channel.EMAIL, null);

        @Test
        void normalisesCaseAndSpaceSoThatDuplicatesCompareEqual() {
            assertThat(rules.normalise("  Ann.Lee+news@Example.COM ")).isEqualTo("ann.lee+news@example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = { "not-an-address", "missing-at.example.com", "two@@example.com", "ann@example",
                "ann@exa mple.com", "ann..lee@example.com", "@example.com" })
        void rejectsWhatIsNotAnAddress(String address) {
            assertThatThrownBy(() -> rules.normalise(address)).hasMessage("invalid email address '" + address + "'");
        }

        @Test
        void rejectsAnEmptyCell() {
            assertThatThrownBy(() -> rules.normalise(" ")).hasMessage("no address");
        }
    }

    @Nested
    class Phone {

        @Test
        void writesNationalAndInternationalFormsInE164() {
            AddressRules rules = new AddressRules(Channel.SMS, "US");
            assertThat(rules.normalise("(202) 555-1001")).isEqualTo("+12025551001");
            assertThat(rules.normalise("+1 212 555 2002")).isEqualTo("+12125552002");
            assertThat(rules.normalise("+31 6 12345678")).isEqualTo("+31612345678");
        }

        @Test
        void rejectsWhatIsNotANumber() {
            AddressRules rules = new AddressRules(Channel.SMS, "US");
            assertThatThrownBy(() -> rules.normalise("12345")).hasMessage("invalid phone number '12345'");
            assertThatThrownBy(() -> rules.normalise("call me")).hasMessageStartingWith("invalid phone number 'call me'");
        }

        @Test
        void saysWhyANationalNumberCannotBeReadWithoutARegion() {
            AddressRules rules = new AddressRules(Channel.SMS, null);
            assertThatThrownBy(() -> rules.normalise("(202) 555-1001"))
                    .hasMessage("invalid phone number '(202) 555-1001' (national number without recipients.default-region)");
        }
    }
}
