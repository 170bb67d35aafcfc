package com.campaignsender.reconcile;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.campaignsender.reconcile.InDoubtResolver.Span;

import static org.assertj.core.api.Assertions.assertThat;

/** How the settle step cuts its search for the messages of unanswered requests, to search the pieces at once. */
class InDoubtResolverTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aSearchIsCutInContiguousPiecesNoneShorterThanASecondTheLastOpenToTheNewest() {
        Span span = new Span(T0, T0.plusSeconds(10));

        assertThat(span.pieces(4)).containsExactly(new Span(T0, T0.plusMillis(2_500)),
                new Span(T0.plusMillis(2_500), T0.plusSeconds(5)), new Span(T0.plusSeconds(5), T0.plusMillis(7_500)),
                new Span(T0.plusMillis(7_500), null));
        assertThat(new Span(T0, T0.plusMillis(2_500)).pieces(16)).hasSize(2);
        assertThat(new Span(T0, T0.plusMillis(500)).pieces(16)).containsExactly(new Span(T0, null));
        assertThat(new Span(T0, T0.minusSeconds(1)).pieces(16)).as("a provider clock estimate behind the start")
                .containsExactly(new Span(T0, null));
    }
}
