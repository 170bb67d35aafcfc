package com.campaignsender.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class SandboxStoreTests {

    /** Every message created in the same instant: the store still gives each its own, later, creation time. */
    private final SandboxStore store = new SandboxStore(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void pagesByCreationTimeGiveEveryMessageOfAKindOnceNewestFirst() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String kind = i % 3 == 0 ? VoipbinSandboxHandler.SMS : VoipbinSandboxHandler.EMAIL;
            SandboxMessage message = store.create(kind, null, "news@example.com", "reader" + i + "@example.com",
                    "subject", "content", Map.of());
            if (kind.equals(VoipbinSandboxHandler.EMAIL)) {
                emails.add(0, message.id());
            }
        }

        List<String> listed = new ArrayList<>();
        Instant before = null;
        List<SandboxMessage> page;
        do {
            page = store.page(VoipbinSandboxHandler.EMAIL, before, 50);
            page.forEach(message -> listed.add(message.id()));
            before = page.isEmpty() ? before : page.get(page.size() - 1).createdAt();
        } while (page.size() == 50);

        assertThat(listed).containsExactlyElementsOf(emails);
    }

    @Test
    void aPageHoldsOnlyMessagesCreatedStrictlyBeforeItsToken() {
        List<SandboxMessage> created = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            created.add(store.create(VoipbinSandboxHandler.EMAIL, null, "news@example.com", "reader" + i + "@example.com",
                    "subject", "content", Map.of()));
        }

        assertThat(store.page(VoipbinSandboxHandler.EMAIL, created.get(4).createdAt(), 100))
                .containsExactly(created.get(3), created.get(2), created.get(1), created.get(0));
        assertThat(store.page(VoipbinSandboxHandler.EMAIL, created.get(0).createdAt(), 100)).isEmpty();
        assertThat(store.page(VoipbinSandboxHandler.SMS, null, 100)).isEmpty();
    }
}
