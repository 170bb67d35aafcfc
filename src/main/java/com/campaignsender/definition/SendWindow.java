package com.campaignsender.definition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The hours of the recipients' day a campaign may send in ({@code send-window}, SPEC section 15):
 * from {@code from} (inclusive) to {@code to} (exclusive) local time, in one zone for every
 * recipient, or, when {@code zone} is empty ({@code zone: recipient}), in each recipient's own
 * zone, found from the list or the phone number, else {@code defaultZone}. A window whose
 * {@code to} is before its {@code from} spans midnight (22:00 to 06:00).
 */
public record SendWindow(LocalTime from, LocalTime to, Optional<ZoneId> zone, ZoneId defaultZone) {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    /** The zone a recipient's time is read in when neither the list nor the number tells. */
    public ZoneId fallbackZone() {
        return zone.orElse(defaultZone);
    }

    public boolean perRecipient() {
        return zone.isEmpty();
    }

    public boolean isOpen(Instant now, ZoneId where) {
        LocalTime local = now.atZone(where).toLocalTime();
        return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /** When the window next opens in that zone: {@code now} itself if it is open. */
    public Instant nextOpening(Instant now, ZoneId where) {
        if (isOpen(now, where)) {
            return now;
        }
        ZonedDateTime local = now.atZone(where);
        ZonedDateTime today = local.with(from);
        // with(LocalTime) keeps the day, moving the time on where a clock change skips the hour.
        return (today.isAfter(local) ? today : local.plusDays(1).with(from)).toInstant();
    }

    public String describe() {
        return HOURS.format(from) + " to " + HOURS.format(to) + " " + zone.map(ZoneId::getId).orElse("in each recipient's zone");
    }

    /** The {@code send-window} section; every problem is noted against its field. */
    static SendWindow read(YamlSection window) {
        window.rejectUnknown(Set.of("from", "to", "zone", "default-zone"));
        LocalTime from = time(window, "from");
        LocalTime to = time(window, "to");
        if (from != null && from.equals(to)) {
            window.problem("to", "equals from: a window must have some hours open (leave send-window out to send at any time)");
        }
        String zoneText = window.requiredText("zone");
        Optional<ZoneId> zone = "recipient".equals(zoneText) ? Optional.empty()
                : window.parsed("zone", SendWindow::zone);
        ZoneId defaultZone = window.parsed("default-zone", SendWindow::zone).orElse(ZoneId.of("UTC"));
        if (zone.isPresent() && window.has("default-zone")) {
            window.problem("default-zone", "applies to zone: recipient only");
        }
        return new SendWindow(from, to, zone, defaultZone);
    }

    private static LocalTime time(YamlSection window, String key) {
        if (!window.has(key)) {
            window.problem(key, "is required, a time like \"09:00\"");
            return null;
        }
        if (!window.text(key).orElse("").contains(":")) {
            // YAML reads an unquoted 9:00 as the number 540 (base 60).
            window.problem(key, "must be a time like \"09:00\", in quotes");
            return null;
        }
        return window.parsed(key, text -> {
            try {
                return LocalTime.parse(text.length() == 4 ? "0" + text : text, HOURS);
            }
            catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("'" + text + "' is not a time of day like \"09:00\" (00:00 to 23:59)");
            }
        }).orElse(null);
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        }
        catch (DateTimeException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone like Europe/Amsterdam or America/New_York"
                    + " (or recipient)");
        }
    }
}
