package com.campaignsender.recipients;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.campaignsender.gateway.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class AddressRulesTests {

    @Nested
    class Email {

        private final AddressRules rules = new AddressRules(Channel.EMAIL, null);

        @Test
        void normalisesCaseAndSpaceSoThatDuplicatesCompareEqual() {
            assertThat(rules.normalise("  Ann.Lee+news@Example.COM ")).isEqualTo("ann.lee+news@example.com");
        }

        /** SPEC section 23: a refused address says which rule it broke, with the address as the list had it. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "not-an-address | no @",
                "two@@example.com | more than one @",
                "Abc.example.com | no @",
                "A@b@c@example.com | more than one @",
                "ann@exa mple.com | a space",
                "c@(Chris's host.)public.example | a comment in brackets",
                "joe@[192.168.2.1] | a literal IP address for a domain",
                "just\"not\"right@example.com | a quoted local part, which no provider here carries",
                "this is\"not\\allowed@example.com | a space",
                "ann..lee@example.com | a dot at the start or end of the local part, or two in a row",
                ".ann@example.com | a dot at the start or end of the local part, or two in a row",
                "@example.com | nothing before the @",
                "ann@example | a domain that is not a domain name",
                "ann@-example.com | a domain that is not a domain name",
                "a\\b@example.com | a character a local part may not hold",
                "pelé\u00a0x@example.com | a character a local part may not hold",
                "pelé\u200b@example.com | a character a local part may not hold" })
        void saysWhichRuleAnAddressBroke(String address, String rule) {
            assertThatThrownBy(() -> rules.normalise(address)).isInstanceOf(RowRejection.class)
                    .hasMessage("invalid email address '" + address + "' (" + rule + ")");
            assertThat(((RowRejection) catchThrowable(() -> rules.normalise(address))).reason().group())
                    .as("counted without the address").isEqualTo("invalid email address '…' (" + rule + ")");
        }

        /**
         * SPEC section 23: a local part that is not ASCII (RFC 6531) is one address however its
         * accents were typed (Unicode NFC), and is taken where the account carries it.
         */
        @Test
        void takesALocalPartThatIsNotAsciiWhereTheAccountCarriesIt() {
            assertThat(rules.normalise("Pelé@example.com")).isEqualTo("pelé@example.com");
            assertThat(rules.normalise("Pele\u0301@example.com")).as("decomposed, as some systems write it")
                    .isEqualTo("pelé@example.com");
            assertThat(rules.normalise("медведь@с-балалайкой.рф")).isEqualTo("медведь@с-балалайкой.рф");
            assertThat(rules.normalise("二ノ宮@黒川.日本")).isEqualTo("二ノ宮@黒川.日本");
            assertThat(AddressRules.forSending("二ノ宮@黒川.日本")).as("the local part as it is, the domain in A-labels")
                    .isEqualTo("二ノ宮@xn--5rtw95l.xn--wgv71a");
        }

        /** SPEC section 23: an account that does not carry it says why, and is asked once, only when a list holds one. */
        @Test
        void refusesALocalPartThatIsNotAsciiWhereTheAccountDoesNotCarryItAndAsksOnce() {
            AtomicInteger asked = new AtomicInteger();
            AddressRules account = new AddressRules(Channel.EMAIL, null, () -> {
                asked.incrementAndGet();
                return Optional.of("which account 'mail' (voipbin) does not carry");
            });

            assertThat(account.normalise("ann@bücher.ch")).isEqualTo("ann@bücher.ch");
            assertThat(asked).as("an ASCII local part asks nothing").hasValue(0);
            assertThatThrownBy(() -> account.normalise("Pelé@example.com")).isInstanceOf(RowRejection.class).hasMessage(
                    "invalid email address 'Pelé@example.com' (a local part that is not ASCII (RFC 6531), which account 'mail'"
                            + " (voipbin) does not carry)");
            assertThatThrownBy(() -> account.normalise("二ノ宮@黒川.日本")).hasMessageContaining("does not carry");
            assertThatThrownBy(() -> account.normalise("pelé@@example.com")).as("a broken rule is said first")
                    .hasMessageEndingWith("(more than one @)");
            assertThat(asked).hasValue(1);
        }

        @Test
        void refusesAddressesLongerThanTheirPathsAllow() {
            String local = "a".repeat(65);
            assertThatThrownBy(() -> rules.normalise(local + "@example.com"))
                    .hasMessageEndingWith("(a local part longer than 64 characters)");
            assertThat(rules.normalise("é".repeat(32) + "@example.com")).as("64 bytes in UTF-8").startsWith("é");
            assertThatThrownBy(() -> rules.normalise("é".repeat(33) + "@example.com")).as("RFC 5321 counts octets")
                    .hasMessageEndingWith("(a local part longer than 64 bytes in UTF-8)");
            String domain = ("d".repeat(60) + ".").repeat(5) + "com";
            assertThatThrownBy(() -> rules.normalise("ann@" + domain)).hasMessageEndingWith("(longer than 254 characters)");
        }

        /** SPEC section 23: an internationalised domain is one address in Unicode or A-labels, and goes out in A-labels. */
        @Test
        void readsInternationalisedDomainsAsOneAddressAndSendsThemInALabels() {
            assertThat(rules.normalise("test@Bücher.ch")).isEqualTo("test@bücher.ch");
            assertThat(rules.normalise("test@xn--bcher-kva.ch")).isEqualTo("test@bücher.ch");
            assertThat(rules.normalise("info@黒川.日本")).isEqualTo("info@黒川.日本");
            assertThat(AddressRules.forSending("test@bücher.ch")).isEqualTo("test@xn--bcher-kva.ch");
            assertThat(AddressRules.forSending("ann@example.com")).isEqualTo("ann@example.com");
            assertThat(AddressRules.asKept("Test@XN--BCHER-KVA.ch")).isEqualTo("test@bücher.ch");
        }

        /** SPEC section 23: a mail client's export, {@code Name <address>}, is the address, its name kept. */
        @Test
        void readsADisplayNameFormAsTheAddressAndKeepsTheName() {
            assertThat(rules.parse("Joe A Smith <Email@Example.com>"))
                    .isEqualTo(new AddressRules.Parsed("email@example.com", "Joe A Smith"));
            assertThat(rules.parse("\"Smith, Joe\" <joe@example.com>"))
                    .isEqualTo(new AddressRules.Parsed("joe@example.com", "Smith, Joe"));
            assertThat(rules.parse("<joe@example.com>")).isEqualTo(new AddressRules.Parsed("joe@example.com", null));
            assertThat(rules.parse("joe@example.com")).isEqualTo(new AddressRules.Parsed("joe@example.com", null));
            assertThatThrownBy(() -> rules.parse("Joe <not an address>")).hasMessage(
                    "invalid email address 'not an address' (no @)");
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
