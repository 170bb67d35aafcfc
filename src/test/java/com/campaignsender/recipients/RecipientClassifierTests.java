package com.campaignsender.recipients;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.RowReason;

import static org.assertj.core.api.Assertions.assertThat;

/** Each row becomes PENDING or REJECTED with its reason; none is lost, and no cell stops the load. */
class RecipientClassifierTests {

    private final RecipientClassifier email = new RecipientClassifier("email", new AddressRules(Channel.EMAIL, null), RecipientZones.NONE);
    private final RecipientClassifier sms = new RecipientClassifier("phone", new AddressRules(Channel.SMS, "NL"), RecipientZones.NONE);

    private static Map<String, String> cells(String... namesAndValues) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return cells;
    }

    @Test
    void aSendableRowIsPendingWithItsAddressNormalised() {
        NewRecipient recipient = email.process(new CsvRow(1, cells("email", " Ann@Example.com ", "name", "Ann"), null));
        assertThat(recipient.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(recipient.address()).isEqualTo("ann@example.com");
    }

    /** SPEC section 23: a mail client's export is read as its address; its name is the template's ${address_name}. */
    @Test
    void aDisplayNameFormIsItsAddressAndItsNameAVariable() {
        NewRecipient named = email.process(new CsvRow(1, cells("email", "Joe A Smith <Joe@Example.com>", "plan", "Plus"), null));
        assertThat(named.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(named.address()).isEqualTo("joe@example.com");
        assertThat(named.fields()).containsEntry(AddressRules.NAME_VARIABLE, "Joe A Smith").containsEntry("plan", "Plus");

        NewRecipient ownColumn = email.process(new CsvRow(2, cells("email", "Jo <jo@example.com>", "address_name", "Mx Jo"), null));
        assertThat(ownColumn.fields()).as("the list's own column wins").containsEntry(AddressRules.NAME_VARIABLE, "Mx Jo");
        assertThat(email.process(new CsvRow(3, cells("email", "ann@example.com"), null)).fields())
                .doesNotContainKey(AddressRules.NAME_VARIABLE);
    }

    @Test
    void aMalformedRowIsRejectedWithItsReasonAndKeepsItsCells() {
        NewRecipient recipient = email.process(new CsvRow(4, cells("email", "ann@example.com"), RowReason.of("malformed row: 1 fields where the header has 2")));
        assertThat(recipient.state()).isEqualTo(DeliveryState.REJECTED);
        assertThat(recipient.error()).isEqualTo("malformed row: 1 fields where the header has 2");
        assertThat(recipient.address()).isEqualTo("ann@example.com");
        assertThat(recipient.fields()).containsEntry("email", "ann@example.com");
    }

    /** Each limit of the ledger, at the limit and one past it. */
    @Nested
    class TheLedgersLimits {

        @Test
        void anAddressOf320CharactersIsKeptAndOf321IsRejectedNamingTheLimit() {
            String at = "a".repeat(64) + "@" + "b".repeat(251) + ".com";
            assertThat(at).hasSize(RowLimits.ADDRESS_CHARS);
            NewRecipient kept = email.process(new CsvRow(1, cells("email", at), null));
            assertThat(kept.error()).as("the rules' own reason, not the ledger's limit").startsWith("invalid email address");
            assertThat(kept.address()).isEqualTo(at);

            NewRecipient over = email.process(new CsvRow(2, cells("email", at + "x", "name", "Ann"), null));
            assertThat(over.state()).isEqualTo(DeliveryState.REJECTED);
            assertThat(over.error()).isEqualTo("address longer than 320 characters in column 'email'");
            assertThat(over.address()).as("too long for the ledger: the row number and reason say which").isNull();
        }

        @Test
        void anAddressIsCountedInCharactersNotBytes() {
            String wide = "\u00e9".repeat(300) + "@example.com";
            assertThat(RowLimits.exceeded(cells("email", wide), "email")).isEmpty();
        }

        @Test
        void aPhoneNumberCellIsHeldToTheSameLimit() {
            NewRecipient over = sms.process(new CsvRow(1, cells("phone", "6".repeat(321)), null));
            assertThat(over.error()).isEqualTo("address longer than 320 characters in column 'phone'");
        }

        @Test
        void aRowOf65535BytesIsKeptAndOf65536IsRejectedNamingItsLargestCell() {
            String address = "ann@example.com";
            int rest = RowLimits.ROW_BYTES - address.length() - 2;
            // two-byte characters: the limit is in the bytes the ledger stores, not in characters
            String note = "\u00e9".repeat(rest / 2) + "x".repeat(rest % 2);
            NewRecipient kept = email.process(new CsvRow(1, cells("email", address, "note", note, "tag", "ab"), null));
            assertThat(kept.state()).isEqualTo(DeliveryState.PENDING);

            NewRecipient over = email.process(new CsvRow(2, cells("email", address, "note", note, "tag", "abc"), null));
            assertThat(over.state()).isEqualTo(DeliveryState.REJECTED);
            assertThat(over.error()).isEqualTo("row longer than 65,535 bytes: its cells hold 65,536, the largest is 'note' with 65,518");
            assertThat(over.address()).isEqualTo(address);
            assertThat(over.fields()).as("more than the ledger holds").isEmpty();
        }

        @Test
        void aCellPastTheRowOnItsOwnIsNamed() {
            NewRecipient over = email.process(new CsvRow(3, cells("email", "ann@example.com", "bio", "x".repeat(70_000)), null));
            assertThat(over.error()).contains("row longer than 65,535 bytes", "the largest is 'bio' with 70,000");
        }

        @Test
        void aRowTheReaderCutIsRejectedAsTooLong() {
            NewRecipient over = email.process(new CsvRow(5, Map.of(), RowReason.of(RowLimits.ROW_TOO_LONG)));
            assertThat(over.state()).isEqualTo(DeliveryState.REJECTED);
            assertThat(over.error()).isEqualTo("row longer than 65,535 bytes");
        }
    }
}
