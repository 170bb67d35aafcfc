package com.campaignsender.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.Unanswered;
import com.campaignsender.reconcile.CreationHorizon.ProviderClock;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.ledger.SettlingLedger;
import com.campaignsender.system.ShutdownSignal;

/**
 * Settles the rows whose request got no answer, or that a crash left mid-send (SPEC sections 7
 * and 17): the provider is asked for each one's message (Infobip by the messageId we chose,
 * VoIPBIN by recipient and content among what the account created since the run began). Found:
 * ACCEPTED with the provider's id, or already its final state. Provably not found: PENDING, to be
 * sent in another pass, or FAILED once {@code limits.max-attempts} requests were made for it.
 * Provably means every call of the search was answered ({@link PatientSearch}), and the search
 * began after the provider's late creates could have happened; otherwise the rows stay in doubt
 * and the settle step stops, to be run again.
 */
@Component
public class InDoubtResolver {

    private static final int PAGE = 500;
    /** Pieces a span of the search is cut into per searcher, at most: enough to keep them all busy to the end. */
    private static final int PIECES_PER_SEARCHER = 4;

    private final SettlingLedger ledger;
    private final LedgerReadings readings;
    private final ProviderAccounts accounts;
    private final ShutdownSignal shutdown;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public InDoubtResolver(SettlingLedger ledger, LedgerReadings readings, ProviderAccounts accounts, ShutdownSignal shutdown,
            TransactionTemplate ownTransaction, Clock clock) {
        this.ledger = ledger;
        this.readings = readings;
        this.accounts = accounts;
        this.shutdown = shutdown;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    /** What settling found: how many rows are PENDING again, and the messages it found still in flight. */
    public record Settled(long pending, List<ProviderStatus> foundInFlight) {
    }

    /**
     * How a run's rows are looked for: at which provider account, rendering each row's request
     * again ({@code render}), how many requests a row may have in all, how many searches at once,
     * how long the provider may fail every call ({@code patience}), and how long after a request
     * got no answer the provider may still create its message ({@code lateCreateGrace}).
     */
    public record Search(MessageGateway gateway, String account, Function<RecipientToSend, SendRequest> render,
            int maxAttempts, int concurrency, Duration patience, Duration lateCreateGrace) {
    }

    /** The provider's record could not be read: the run stops with rows in doubt, and its next start settles them. */
    public static final class SettlingStopped extends RuntimeException {

        SettlingStopped(String message) {
            super(message);
        }
    }

    /**
     * Settles every IN_DOUBT row of the run. A row's message, if any, was created after its
     * request left, so after its chunk was marked, on our clock, which moves onto the provider's by
     * what the run's answers tell of it ({@code providerClock}; without it, by
     * {@link StatusReconciler#CLOCK_SKEW}). The search starts at the earliest such time of each page
     * of rows, not at the run's start ({@code since}): in a long run whose rows went in doubt late
     * that is a few pages instead of all of them. A page with a row that was asked for before (an
     * earlier pass, a retry) searches from the run's start, as its earlier requests were out before
     * its latest mark. The search has no end: a provider may create a message after we gave up
     * waiting for its answer. It is cut in pieces, searched {@code concurrency} at a time.
     */
    public Settled resolve(long runId, Instant since, Optional<ProviderClock> providerClock, Search search)
            throws InterruptedException {
        Optional<Instant> lastInDoubt = ledger.lastInDoubtAt(runId);
        if (lastInDoubt.isEmpty()) {
            return new Settled(readings.countByState(runId).getOrDefault(DeliveryState.PENDING, 0L), List.of());
        }
        if (search.gateway().unanswered() != Unanswered.SEARCHED) {
            return settleUnsearchable(runId, search);
        }
        awaitLateCreates(lastInDoubt.get(), search.lateCreateGrace());
        PatientSearch patient = new PatientSearch(accounts.of(search.account()), search.patience(), shutdown, clock);
        ExecutorService searchers = Executors.newFixedThreadPool(search.concurrency());
        try {
            return resolve(runId, since, providerClock, search, patient, searchers);
        }
        catch (PatientSearch.ProviderUnreadable ex) {
            long inDoubt = readings.countByState(runId).getOrDefault(DeliveryState.IN_DOUBT, 0L);
            throw new SettlingStopped("run " + runId + " stopped with " + inDoubt + " rows in doubt (sent or not, it is not"
                    + " known yet): " + ex.getMessage() + "; run the same command again to go on settling them");
        }
        finally {
            searchers.shutdownNow();
        }
    }

    /**
     * A provider may create a message after its request got no answer: until that long has passed
     * since the last row went in doubt (its answer failed, or a restart found it mid-send), a search
     * that does not show its message proves nothing.
     */
    private void awaitLateCreates(Instant lastInDoubt, Duration grace) throws InterruptedException {
        Duration left = Duration.between(clock.instant(), lastInDoubt.plus(grace));
        if (!left.isNegative()) {
            shutdown.pause(left);
        }
    }

    private Settled resolve(long runId, Instant since, Optional<ProviderClock> providerClock, Search search,
            PatientSearch patient, ExecutorService searchers) throws InterruptedException {
        List<ProviderStatus> foundInFlight = new ArrayList<>();
        int after = 0;
        List<RecipientToSend> page;
        do {
            page = ledger.inDoubtAfter(runId, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Integer, SendRequest> requests = new LinkedHashMap<>();
            page.forEach(row -> requests.put(row.row(), search.render().apply(row)));
            List<SendRequest> asked = List.copyOf(requests.values());
            List<Future<Map<String, ProviderStatus>>> searches = new ArrayList<>();
            boolean firstRequests = page.stream().allMatch(row -> row.attempts() <= 1);
            Instant from = firstRequests ? ledger.earliestSentAt(runId, requests.keySet())
                    .map(sent -> sent.plus(early(providerClock))).orElse(since) : since;
            for (Span piece : new Span(from, clock.instant().plus(late(providerClock))).pieces(search.concurrency() * PIECES_PER_SEARCHER)) {
                searches.add(searchers.submit(() -> patient.all(search.gateway().searchSent(asked, piece.from(), piece.before()))));
            }
            Map<String, ProviderStatus> found = new HashMap<>();
            for (Future<Map<String, ProviderStatus>> piece : searches) {
                // In time order, and the oldest match wins: a later one would be a duplicate.
                answer(piece).forEach(found::putIfAbsent);
            }
            List<SendResult> results = new ArrayList<>(page.size());
            for (RecipientToSend row : page) {
                ProviderStatus status = found.get(requests.get(row.row()).reference());
                results.add(status != null ? found(row, status) : notFound(row, search.gateway().account(), search.maxAttempts()));
                if (status != null && !status.isFinal()) {
                    foundInFlight.add(status);
                }
            }
            ownTransaction.executeWithoutResult(tx -> ledger.settle(runId, results));
            after = page.get(page.size() - 1).row();
        } while (page.size() == PAGE);
        long pending = ownTransaction.execute(tx -> readings.countByState(runId).getOrDefault(DeliveryState.PENDING, 0L));
        return new Settled(pending, foundInFlight);
    }

    /**
     * A relay cannot be asked whether it took a message whose final reply never came (SPEC section
     * 21): the row is UNKNOWN, not sent again, unless its account says {@code in-doubt: resend},
     * where it is sent again as if provably not sent (a second copy is then possible).
     */
    private Settled settleUnsearchable(long runId, Search search) {
        String relay = search.gateway().account();
        boolean resend = search.gateway().unanswered() == Unanswered.RESENT;
        int after = 0;
        List<RecipientToSend> page;
        do {
            page = ledger.inDoubtAfter(runId, after, PAGE);
            List<SendResult> results = page.stream().map(row -> !resend
                    ? new SendResult(row.row(), DeliveryState.UNKNOWN, null, null, "no final reply from the " + relay
                            + " relay after the message was sent: the relay may have taken it; not sent again"
                            + " (in-doubt: resend sends such messages again)", null, 0)
                    : row.attempts() < search.maxAttempts()
                    ? new SendResult(row.row(), DeliveryState.PENDING, null, null, "no final reply from the " + relay
                            + " relay: sent again, as in-doubt: resend asks", null, 0)
                    : new SendResult(row.row(), DeliveryState.FAILED, null, null, "no final reply from the " + relay
                            + " relay to " + row.attempts() + " attempts", null, 0)).toList();
            ownTransaction.executeWithoutResult(tx -> ledger.settle(runId, results));
            after = page.isEmpty() ? after : page.get(page.size() - 1).row();
        } while (page.size() == PAGE);
        long pending = ownTransaction.execute(tx -> readings.countByState(runId).getOrDefault(DeliveryState.PENDING, 0L));
        return new Settled(pending, List.of());
    }

    /** A span of the provider's clock to search: from, and before. */
    record Span(Instant from, Instant before) {

        /**
         * Cut in up to {@code most} pieces in time order, none shorter than a second; the last is
         * open to the newest message (before null), which {@code before} only estimates.
         */
        List<Span> pieces(int most) {
            Duration span = Duration.between(from, before);
            long count = Math.max(1, Math.min(most, span.toSeconds()));
            Duration piece = span.dividedBy(count);
            List<Span> pieces = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                pieces.add(new Span(from.plus(piece.multipliedBy(i)), i == count - 1 ? null : from.plus(piece.multipliedBy(i + 1))));
            }
            return pieces;
        }
    }

    private static Map<String, ProviderStatus> answer(Future<Map<String, ProviderStatus>> search) throws InterruptedException {
        try {
            return search.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    /** How much earlier than a time of ours the provider's clock may show it, at most. */
    private static Duration early(Optional<ProviderClock> providerClock) {
        return providerClock.map(bounds -> bounds.aheadAtLeast().minus(CreationHorizon.MARGIN))
                .orElse(StatusReconciler.CLOCK_SKEW.negated());
    }

    /** How much later than a time of ours the provider's clock may show it, at most. */
    private static Duration late(Optional<ProviderClock> providerClock) {
        return providerClock.map(bounds -> bounds.aheadAtMost().plus(CreationHorizon.MARGIN))
                .orElse(StatusReconciler.CLOCK_SKEW);
    }

    private static SendResult found(RecipientToSend row, ProviderStatus status) {
        return new SendResult(row.row(), StatusRecorder.state(status.outcome()), status.providerMessageId(),
                status.status(), null, null, 0);
    }

    private static SendResult notFound(RecipientToSend row, String provider, int maxAttempts) {
        if (row.attempts() < maxAttempts) {
            return new SendResult(row.row(), DeliveryState.PENDING, null, null,
                    "no answer, and " + provider + " has no such message: sent again", null, 0);
        }
        return new SendResult(row.row(), DeliveryState.FAILED, null, null, "no answer to " + row.attempts()
                + " attempts, and " + provider + " has no such message", null, 0);
    }
}
