package com.campaignsender.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.campaignsender.ledger.RecipientLedger.RequestWindow;
import com.campaignsender.reconcile.CreationHorizon.ProviderClock;
import com.campaignsender.reconcile.InDoubtResolver.Span;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the settle step looks for the messages of unanswered requests: only while each was out. */
class InDoubtResolverTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MARGIN = Duration.ofMillis(500);

    @Test
    void eachRequestsWindowMovesOntoTheProvidersClockAndOverlappingOnesAreSearchedOnce() {
        List<RequestWindow> windows = List.of(window(100, 130), window(0, 30), window(20, 40));
        ProviderClock clock = new ProviderClock(Duration.ofSeconds(2), Duration.ofSeconds(3));

        assertThat(InDoubtResolver.spans(windows, Optional.of(clock))).containsExactly(
                new Span(T0.plusSeconds(2).minus(MARGIN), T0.plusSeconds(43).plus(MARGIN)),
                new Span(T0.plusSeconds(102).minus(MARGIN), T0.plusSeconds(133).plus(MARGIN)));
    }

    @Test
    void withoutAnAnswerToTellTheProvidersClockTheWindowsWidenByTheAssumedSkew() {
        assertThat(InDoubtResolver.spans(List.of(window(0, 30)), Optional.empty())).containsExactly(
                new Span(T0.minus(StatusReconciler.CLOCK_SKEW), T0.plusSeconds(30).plus(StatusReconciler.CLOCK_SKEW)));
    }

    @Test
    void aSpanIsSearchedInContiguousPiecesNoneShorterThanASecond() {
        Span span = new Span(T0, T0.plusSeconds(10));

        assertThat(span.pieces(4)).containsExactly(new Span(T0, T0.plusMillis(2_500)),
                new Span(T0.plusMillis(2_500), T0.plusSeconds(5)), new Span(T0.plusSeconds(5), T0.plusMillis(7_500)),
                new Span(T0.plusMillis(7_500), T0.plusSeconds(10)));
        assertThat(new Span(T0, T0.plusMillis(2_500)).pieces(16)).hasSize(2);
        assertThat(new Span(T0, T0.plusMillis(500)).pieces(16)).containsExactly(new Span(T0, T0.plusMillis(500)));
    }

    private static RequestWindow window(int fromSecond, int toSecond) {
        return new RequestWindow(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond));
    }
}
