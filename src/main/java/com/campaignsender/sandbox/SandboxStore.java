package com.campaignsender.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Everything the simulator created, in creation order. Creation times are strictly increasing
 * (to the microsecond, as VoIPBIN shows them) so that paging by creation time never skips or
 * repeats a message.
 */
public class SandboxStore {

    private final Clock clock;
    private final List<SandboxMessage> messages = new ArrayList<>();
    private final Map<String, SandboxMessage> byId = new HashMap<>();
    private Instant lastCreated = Instant.EPOCH;

    public SandboxStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized SandboxMessage create(SandboxMessage.Kind kind, String from, String to, String subject,
            String content) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant created = now.isAfter(lastCreated) ? now : lastCreated.plus(1, ChronoUnit.MICROS);
        lastCreated = created;
        SandboxMessage message = new SandboxMessage(UUID.randomUUID().toString(), kind, from, to, subject, content, created);
        messages.add(message);
        byId.put(message.id(), message);
        return message;
    }

    public synchronized Optional<SandboxMessage> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Newest first, those of {@code kind} created strictly before {@code before} (all when null), at most {@code limit}. */
    public synchronized List<SandboxMessage> page(SandboxMessage.Kind kind, Instant before, int limit) {
        List<SandboxMessage> page = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && page.size() < limit; i--) {
            SandboxMessage message = messages.get(i);
            if (message.kind() == kind && (before == null || message.createdAt().isBefore(before))) {
                page.add(message);
            }
        }
        return page;
    }

    /** What was created, oldest first: the record tests compare the ledger with. */
    public synchronized List<SandboxMessage> created(Predicate<SandboxMessage> filter) {
        return Collections.unmodifiableList(messages.stream().filter(filter).toList());
    }

    public Instant now() {
        return clock.instant();
    }
}
