package com.campaignsender.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.definition.RunIdentity;
import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.ListLoading;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.ledger.SettlingLedger;
import com.campaignsender.ledger.StatusLedger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's span read as slices of the provider's listing by creation time: the slices tile the
 * span (each message is handed over once), several are read at once, a slice that fails half way
 * goes on from its last recorded page, and a slice is read again only while the ledger still has
 * messages in flight that it showed.
 */
@SpringBootTest
class RunListingTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private ListLoading loading;

    @Autowired
    private SendingLedger sending;

    @Autowired
    private SettlingLedger settling;

    @Autowired
    private StatusLedger statuses;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private StatusRecorder recorder;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcTemplate jdbc;

    private final ExecutorService readers = Executors.newFixedThreadPool(2);
    private final ListedAccount provider = new ListedAccount();
    private long runId;
    private String domain;

    /** Six rows, each ACCEPTED with the message m<row>, created by the provider at T0 + row seconds. */
    @BeforeEach
    void aRunOfSixSentMessages() {
        domain = UUID.randomUUID() + ".example.com";
        runId = runs.findOrCreate(new RunIdentity("listing-" + domain, "0".repeat(64)), Path.of("c.yml"),
                Path.of("list.csv"), List.of("email")).id();
        loading.insert(runId, IntStream.rangeClosed(1, 6)
                .mapToObj(row -> NewRecipient.pending(row, address(row), Map.of("email", address(row)))).toList());
        transaction.executeWithoutResult(status -> {
            sending.claim(runId, "voipbin", "test:1", List.of(1, 2, 3, 4, 5, 6));
            sending.recordAnswers(runId, IntStream.rangeClosed(1, 6).mapToObj(row -> new SendResult(row,
                    DeliveryState.ACCEPTED, id(row), "initiated", null, null, 1)).toList());
        });
        IntStream.rangeClosed(1, 6).forEach(row -> provider.create(id(row), address(row), "delivered", T0.plusSeconds(row)));
    }

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void slicesTileTheSpanSoThatEachMessageIsReadOnceAndTheComparisonNeedsNoOtherPass() throws Exception {
        provider.create("by-hand", address(2), "delivered", T0.plusMillis(3_500)); // a second message to row 2
        provider.create("other-campaign", "someone@elsewhere.example.com", "delivered", T0.plusMillis(4_500));
        RunListing listing = listing();

        listing.cutUpTo(T0.plusSeconds(4));
        listing.cutTheRest();

        assertThat(listing.pass(() -> false)).as("slices still to read").isZero();
        assertThat(provider.reads.size()).as("slices read").isGreaterThan(2);
        assertThat(provider.handedOver).as("every message handed over exactly once")
                .containsExactlyInAnyOrder(id(1), id(2), id(3), id(4), id(5), id(6), "by-hand", "other-campaign");
        assertThat(states()).containsOnly("DELIVERED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM recipient WHERE run_id = ? AND seen_at IS NULL",
                Integer.class, runId)).as("rows never seen").isZero();
        assertThat(statuses.unmatched(runId)).singleElement().satisfies(unmatched -> {
            assertThat(unmatched.recorded().row()).isEqualTo(2);
            assertThat(unmatched.providerMessageId()).isEqualTo("by-hand");
        });
    }

    @Test
    void onlySlicesThatShowedMessagesInFlightAreReadAgain() throws Exception {
        provider.setStatus(id(5), "processed");
        RunListing listing = listing();
        listing.cutUpTo(T0.plusSeconds(7));
        listing.cutTheRest();

        assertThat(listing.pass(() -> false)).as("the slice of m5, in flight").isEqualTo(1);
        int firstPass = provider.reads.size();
        provider.setStatus(id(5), "delivered");

        assertThat(listing.pass(() -> false)).isZero();
        assertThat(provider.reads.subList(firstPass, provider.reads.size())).singleElement()
                .satisfies(read -> assertThat(read.covers(T0.plusSeconds(5))).isTrue());
        assertThat(states()).containsOnly("DELIVERED");
        assertThat(listing.pass(() -> false)).isZero();
        assertThat(provider.reads).as("nothing left to read").hasSize(firstPass + 1);
    }

    @Test
    void aSliceAWebhookSettledMeanwhileIsNotReadAgain() throws Exception {
        provider.setStatus(id(3), "processed");
        RunListing listing = listing();
        listing.cutTheRest();
        assertThat(listing.pass(() -> false)).isEqualTo(1);
        int firstPass = provider.reads.size();

        recorder.record(List.of(new ProviderStatus(id(3), address(3), "delivered", DeliveryOutcome.DELIVERED)), "webhook");

        assertThat(listing.pass(() -> false)).isZero();
        assertThat(provider.reads).as("no read after the webhook").hasSize(firstPass);
    }

    @Test
    void aMessageTheSettleStepFoundInFlightIsWatchedInTheSliceThatShowedItBeforeItWasTheRuns() throws Exception {
        jdbc.update("UPDATE recipient SET state = 'IN_DOUBT', provider_message_id = NULL, message_key = NULL"
                + " WHERE run_id = ? AND row_no = 6", runId); // its request got no answer
        provider.setStatus(id(6), "processed");
        RunListing listing = listing();
        listing.cutTheRest();
        assertThat(listing.pass(() -> false)).as("m6 is not the run's yet: nothing to wait for").isZero();

        // The settle step finds m6 for row 6, still in flight; then the provider delivers it.
        transaction.executeWithoutResult(status -> settling.settle(runId, List.of(new SendResult(6,
                DeliveryState.ACCEPTED, id(6), "processed", null, null, 0))));
        listing.watch(new ProviderStatus(id(6), address(6), "processed", DeliveryOutcome.IN_FLIGHT,
                ProviderStatus.Feedback.NONE, T0.plusSeconds(6)));
        provider.setStatus(id(6), "delivered");

        assertThat(listing.pass(() -> false)).isZero();
        assertThat(states()).containsOnly("DELIVERED");
    }

    @Test
    void aSliceThatFailsHalfWayIsReadOnFromItsLastRecordedPage() throws Exception {
        provider.failAfterPages(1); // pages of two, newest first: m6 and m5 are recorded, then the listing fails
        RunListing listing = listing();
        listing.cutTheRest();

        assertThat(listing.pass(() -> false)).as("the slice, not read whole").isEqualTo(1);
        assertThat(listing.unread()).hasSize(1);
        assertThat(states()).containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "DELIVERED", "DELIVERED");

        assertThat(listing.pass(() -> false)).isZero();
        assertThat(provider.reads.get(1).before()).as("read on from the oldest message recorded").isEqualTo(T0.plusSeconds(5));
        assertThat(provider.handedOver).as("no message handed over twice").doesNotHaveDuplicates().hasSize(6);
        assertThat(states()).containsOnly("DELIVERED");
        assertThat(listing.unread()).isEmpty();
    }

    private RunListing listing() {
        return new RunListing(runId, T0, provider, recorder, statuses, ProviderAccount.withoutBudget("voipbin", Clock.systemUTC()),
                readers, 2, "test");
    }

    private List<String> states() {
        return jdbc.queryForList("SELECT state FROM recipient WHERE run_id = ? ORDER BY row_no", String.class, runId);
    }

    private String address(int row) {
        return "r" + row + "@" + domain;
    }

    private String id(int row) {
        return "m" + row + "-" + domain;
    }

    /** A provider account's record, listed newest first in pages of two, as VoIPBIN pages by creation time. */
    private static final class ListedAccount implements StatusFeed.ByCreation {

        record Read(Instant from, Instant before) {

            boolean covers(Instant created) {
                return !created.isBefore(from) && (before == null || created.isBefore(before));
            }
        }

        private final List<ProviderStatus> messages = new ArrayList<>();
        final List<Read> reads = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> handedOver = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger pagesBeforeFailure = new AtomicInteger(-1);

        synchronized void create(String id, String to, String status, Instant created) {
            messages.add(new ProviderStatus(id, to, status, outcome(status), ProviderStatus.Feedback.NONE, created));
            messages.sort(Comparator.comparing(ProviderStatus::createdAt).reversed());
        }

        synchronized void setStatus(String id, String status) {
            messages.replaceAll(message -> message.providerMessageId().equals(id) ? new ProviderStatus(id, message.address(),
                    status, outcome(status), ProviderStatus.Feedback.NONE, message.createdAt()) : message);
        }

        void failAfterPages(int pages) {
            pagesBeforeFailure.set(pages);
        }

        @Override
        public void list(Instant from, Instant before, Consumer<List<ProviderStatus>> pages) {
            Read read = new Read(from, before);
            reads.add(read);
            List<ProviderStatus> span;
            synchronized (this) {
                span = messages.stream().filter(message -> read.covers(message.createdAt())).toList();
            }
            for (int at = 0; at < span.size(); at += 2) {
                if (pagesBeforeFailure.getAndDecrement() == 0) {
                    throw new ProviderException("GET /emails: HTTP 503");
                }
                List<ProviderStatus> page = span.subList(at, Math.min(span.size(), at + 2));
                page.forEach(message -> handedOver.add(message.providerMessageId()));
                pages.accept(page);
            }
        }

        private static DeliveryOutcome outcome(String status) {
            return status.equals("delivered") ? DeliveryOutcome.DELIVERED : DeliveryOutcome.IN_FLIGHT;
        }
    }
}
