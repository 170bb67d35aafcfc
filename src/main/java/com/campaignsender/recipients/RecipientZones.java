package com.campaignsender.recipients;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import com.campaignsender.definition.SendWindow;
import com.campaignsender.ledger.RowReason;

/**
 * Load step, per row of a campaign whose send window is in each recipient's zone ({@code zone:
 * recipient}): the row's {@code timezone} column when it has one, else the zone of the phone
 * number's country (libphonenumber maps +31 6 to Europe/Amsterdam, +1 212 to America/New_York),
 * else none, which the window reads in its {@code default-zone}. A number whose country spans
 * zones that its prefix does not tell apart gets none too: a guess could wake someone at night.
 */
public final class RecipientZones {

    public static final String COLUMN = "timezone";
    /** For a campaign without per-recipient zones: every row is read in the window's own zone. */
    public static final RecipientZones NONE = new RecipientZones(false);

    private final boolean perRecipient;

    private RecipientZones(boolean perRecipient) {
        this.perRecipient = perRecipient;
    }

    public static RecipientZones of(Optional<SendWindow> window) {
        return window.filter(SendWindow::perRecipient).isPresent() ? new RecipientZones(true) : NONE;
    }

    /** The row's zone id, or empty for the window's fallback; a RowRejection for a timezone cell that names no zone. */
    public Optional<String> of(String address, Map<String, String> fields) {
        if (!perRecipient) {
            return Optional.empty();
        }
        String given = fields.getOrDefault(COLUMN, "");
        if (!given.isBlank()) {
            try {
                return Optional.of(ZoneId.of(given.strip()).getId());
            }
            catch (DateTimeException ex) {
                throw new RowRejection(RowReason.of("unknown time zone '%s' in column '%s' (a zone like Europe/Amsterdam)",
                        RowReason.own(given.strip()), COLUMN));
            }
        }
        return address.startsWith("+") ? numberZone(address) : Optional.empty();
    }

    private static Optional<String> numberZone(String e164) {
        try {
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance()
                    .getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(e164, null));
            return zones.size() == 1 && !zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                    ? Optional.of(zones.get(0)) : Optional.empty();
        }
        catch (NumberParseException ex) {
            return Optional.empty();
        }
    }
}
