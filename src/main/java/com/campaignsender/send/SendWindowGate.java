package com.campaignsender.send;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.campaignsender.definition.SendWindow;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.SendingLedger.OpenZones;

/**
 * The campaign's send window (SPEC section 15) as the send step applies it: which zones' rows
 * may go out now, and how many rows wait and until when. A row's zone is the one the load step
 * found for it, or, without one, the window's own zone (or its {@code default-zone}).
 */
final class SendWindowGate {

    static final String WAITING = "waiting for the send window";

    private final Optional<SendWindow> window;
    private final Clock clock;

    SendWindowGate(Optional<SendWindow> window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** Whether the campaign has a window at all: without one every PENDING row may go out. */
    boolean limits() {
        return window.isPresent();
    }

    /** Of the rows' zones (null: rows without one), those whose window is open now. */
    OpenZones openNow(Collection<String> zones) {
        SendWindow hours = window.orElseThrow();
        Instant now = clock.instant();
        Set<String> open = zones.stream().filter(Objects::nonNull).filter(zone -> hours.isOpen(now, ZoneId.of(zone)))
                .collect(Collectors.toSet());
        return new OpenZones(open, hours.isOpen(now, hours.fallbackZone()));
    }

    /** The PENDING rows (counted by zone) whose window is closed now, and when the first of those windows opens. */
    Optional<CampaignRun.Waiting> waiting(Map<String, Long> pendingByZone) {
        if (window.isEmpty()) {
            return Optional.empty();
        }
        SendWindow hours = window.get();
        Instant now = clock.instant();
        long rows = 0;
        Instant next = null;
        for (Map.Entry<String, Long> zone : pendingByZone.entrySet()) {
            ZoneId where = zone.getKey() == null ? hours.fallbackZone() : ZoneId.of(zone.getKey());
            if (!hours.isOpen(now, where)) {
                rows += zone.getValue();
                Instant opening = hours.nextOpening(now, where);
                next = next == null || opening.isBefore(next) ? opening : next;
            }
        }
        return rows == 0 ? Optional.empty() : Optional.of(new CampaignRun.Waiting((int) rows, next));
    }

    String describe() {
        return window.map(SendWindow::describe).orElse("none");
    }
}
