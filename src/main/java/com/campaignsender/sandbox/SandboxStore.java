package com.campaignsender.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Everything the simulator created, in creation order. Creation times are strictly increasing
 * (to the microsecond, as VoIPBIN shows them) so that paging by creation time never skips or
 * repeats a message. With a {@link SandboxJournal} every message is also written to the database,
 * and read back from it when the store is made: the built-in sandbox remembers across restarts.
 */
public class SandboxStore {

    private final Clock clock;
    private final List<SandboxMessage> messages = new ArrayList<>();
    private final Map<String, SandboxMessage> byId = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Optional<SandboxJournal> journal;
    private Instant lastCreated = Instant.EPOCH;

    /** A store in memory only. */
    public SandboxStore(Clock clock) {
        this(clock, Optional.empty());
    }

    /** A store kept in {@code journal}, starting with what it kept before. */
    public SandboxStore(Clock clock, SandboxJournal journal) {
        this(clock, Optional.of(journal));
    }

    private SandboxStore(Clock clock, Optional<SandboxJournal> journal) {
        this.clock = clock;
        this.journal = journal;
        journal.ifPresent(kept -> {
            kept.messages().forEach(this::add);
            reported.addAll(kept.reported());
        });
    }

    /** Creates a message; {@code id} is the client's own (Infobip's messageId) or null for a new UUID. */
    public synchronized SandboxMessage create(String kind, String id, String from, String to,
            String subject, String content, Map<String, List<String>> fields) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant created = now.isAfter(lastCreated) ? now : lastCreated.plus(1, ChronoUnit.MICROS);
        lastCreated = created;
        String messageId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        SandboxMessage message = new SandboxMessage(messageId, kind, from, to, subject, content, created, Map.copyOf(fields));
        journal.ifPresent(kept -> kept.created(message));
        add(message);
        return message;
    }

    private void add(SandboxMessage message) {
        messages.add(message);
        byId.put(message.id(), message);
        lastCreated = message.createdAt();
    }

    public synchronized Optional<SandboxMessage> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Newest first, those of {@code kind} created strictly before {@code before} (all when null), at
     * most {@code limit}. The page starts where a binary search by creation time puts it: a scan
     * from the newest would make listing two million messages take hours.
     */
    public synchronized List<SandboxMessage> page(String kind, Instant before, int limit) {
        List<SandboxMessage> page = new ArrayList<>();
        for (int i = countCreatedBefore(before) - 1; i >= 0 && page.size() < limit; i--) {
            SandboxMessage message = messages.get(i);
            if (message.kind().equals(kind)) {
                page.add(message);
            }
        }
        return page;
    }

    /** How many messages were created strictly before {@code before} (all when null): they are the first ones. */
    private int countCreatedBefore(Instant before) {
        if (before == null) {
            return messages.size();
        }
        int low = 0;
        int high = messages.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (messages.get(middle).createdAt().isBefore(before)) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }

    /** Infobip's delivery reports: final messages of {@code kind} not reported before; each is returned once only. */
    public synchronized List<SandboxMessage> takeReports(String kind, Duration step, int limit) {
        Instant now = clock.instant();
        List<SandboxMessage> due = new ArrayList<>();
        for (SandboxMessage message : messages) {
            if (due.size() == limit) {
                break;
            }
            if (message.kind().equals(kind) && !reported.contains(message.id()) && message.isFinal(now, step)) {
                reported.add(message.id());
                due.add(message);
            }
        }
        journal.ifPresent(kept -> kept.reported(due));
        return due;
    }

    /** What was created, oldest first: the record tests compare the ledger with. */
    public synchronized List<SandboxMessage> created(Predicate<SandboxMessage> filter) {
        return messages.stream().filter(filter).toList();
    }

    public Instant now() {
        return clock.instant();
    }
}
