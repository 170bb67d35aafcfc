package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.metrics.SendMeters;
import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.TickingClock;
import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.reconcile.CreationHorizon;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSenderTests {

    private static final SendMeters SEND_METERS = new CampaignMeters(new SimpleMeterRegistry(), false).sending(1, "scripted", "email");
    private static final Limits LIMITS = new Limits(Rate.parse("1000/s"), 1000, 4, 10, 3, 0.5, Duration.ofMinutes(30));

    private final ScriptedGateway gateway = new ScriptedGateway();
    /** Each reading a second later: an open breaker lets its probes through after a few looks, not five real seconds. */
    private final TickingClock clock = new TickingClock(Duration.ofSeconds(1));
    private final ProviderAccount account = ProviderAccount.withoutBudget("scripted", clock);
    private final AtomicBoolean stopAsked = new AtomicBoolean();
    private final MessageSender sender = sender(Duration.ofMinutes(30));

    private MessageSender sender(Duration outageTimeout) {
        return new MessageSender(gateway, new CampaignPace(LIMITS), account, new FailureWindow(0.5), 3, outageTimeout,
                stopAsked::get, clock, new CreationHorizon(clock), SEND_METERS);
    }

    private static OutgoingMessage message(int row, String to) {
        return new OutgoingMessage(row, new SendRequest("c-1-" + row, to, "S", null, "Hi", null), null);
    }

    private static SendOutcome fault(Kind kind, String detail) {
        return SendOutcome.failed(kind, detail, null);
    }

    @Test
    void acceptedOnTheFirstAttempt() throws InterruptedException {
        SendResult result = sender.send(message(1, "ann@example.com"));
        assertThat(result).isEqualTo(new SendResult(1, DeliveryState.ACCEPTED, "id-ann@example.com", "queued", null, null, 1));
    }

    @Test
    void retriesWhatCreatedNothingAndGivesUpAfterMaxAttempts() throws InterruptedException {
        gateway.answer("ann@example.com", fault(Kind.TRANSIENT_FAILURE, "HTTP 503"));
        gateway.answer("bob@example.com", fault(Kind.TRANSIENT_FAILURE, "HTTP 500"), fault(Kind.TRANSIENT_FAILURE, "HTTP 500"),
                fault(Kind.TRANSIENT_FAILURE, "HTTP 502 from the proxy"));

        assertThat(sender.send(message(1, "ann@example.com")).state()).isEqualTo(DeliveryState.ACCEPTED);
        // Others are answered while bob's requests fail: the failures are bob's, not the account's.
        ScheduledExecutorService others = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger other = new AtomicInteger();
        others.scheduleAtFixedRate(() -> {
            try {
                sender.send(message(100 + other.get(), "other" + other.incrementAndGet() + "@example.com"));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        SendResult bob;
        try {
            bob = sender.send(message(2, "bob@example.com"));
        }
        finally {
            others.shutdownNow();
        }

        assertThat(bob.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(bob.attempts()).isEqualTo(3);
        assertThat(bob.error()).isEqualTo("gave up after 3 attempts: HTTP 502 from the proxy");
    }

    @Test
    void neverResendsARequestThatGotNoAnswer() throws InterruptedException {
        gateway.answer("ann@example.com", fault(Kind.NO_ANSWER, "HttpTimeoutException"));
        SendResult result = sender.send(message(1, "ann@example.com"));
        assertThat(result.state()).isEqualTo(DeliveryState.IN_DOUBT);
        assertThat(gateway.requests).hasValue(1);
    }

    @Test
    void aPermanentRefusalFailsAtOnce() throws InterruptedException {
        gateway.answer("ann@example.com", fault(Kind.PERMANENT_FAILURE, "HTTP 400 bad destination"));
        SendResult result = sender.send(message(1, "ann@example.com"));
        assertThat(result.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(result.error()).isEqualTo("HTTP 400 bad destination");
        assertThat(gateway.requests).hasValue(1);
    }

    @Test
    void aRefusedCredentialHaltsTheRunAndHandsEveryUnsentMessageBack() throws InterruptedException {
        gateway.answer("ann@example.com", fault(Kind.UNAUTHORIZED, "HTTP 401"));

        SendResult ann = sender.send(message(1, "ann@example.com"));
        SendResult bob = sender.send(message(2, "bob@example.com"));

        assertThat(ann.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(bob.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(bob.attempts()).isZero();
        assertThat(sender.haltReason()).startsWith("scripted refused the credential (HTTP 401)");
        assertThat(gateway.requests).hasValue(1);
    }

    @Test
    void a429PausesTheAccountForItsRetryAfterAndIsCounted() throws InterruptedException {
        gateway.answer("ann@example.com", SendOutcome.failed(Kind.RATE_LIMITED, "HTTP 429", Duration.ofMillis(300)));
        MessageSender sender = new MessageSender(gateway, new CampaignPace(LIMITS),
                ProviderAccount.withoutBudget("scripted", Clock.systemUTC()), new FailureWindow(0.5), 3, Duration.ofMinutes(30),
                () -> false, Clock.systemUTC(), new CreationHorizon(Clock.systemUTC()), SEND_METERS);
        // Measured on the clock the account pauses by: the monotonic clock may disagree with it by a millisecond.
        Instant started = Clock.systemUTC().instant();

        SendResult ann = sender.send(message(1, "ann@example.com"));
        SendResult bob = sender.send(message(2, "bob@example.com"));

        assertThat(ann.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(ann.attempts()).isEqualTo(2);
        assertThat(bob.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(Duration.between(started, Clock.systemUTC().instant())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(sender.takeRateLimitedCount()).isEqualTo(1);
    }

    @Test
    void haltsWhenTheRecentFailureRatioPassesTheThreshold() throws InterruptedException {
        for (int i = 0; i < FailureWindow.SIZE; i++) {
            assertThat(sender.haltReason()).as("before attempt %d", i + 1).isNull();
            String to = "r" + i + "@example.com";
            if (i >= 30) {
                gateway.answer(to, fault(Kind.PERMANENT_FAILURE, "HTTP 400 row " + i));
            }
            sender.send(message(i + 1, to));
        }
        assertThat(sender.haltReason())
                .isEqualTo("70 of the last 100 messages failed, above limits.error-threshold; the last: HTTP 400 row 99");
        assertThat(sender.send(message(1000, "late@example.com")).state()).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void retriesAbsorbedByLaterSuccessesNeverStopTheRun() throws Exception {
        // The default threshold: a third of the attempts fail, which an attempt-based window would stop at.
        MessageSender sender = new MessageSender(gateway, new CampaignPace(LIMITS), account, new FailureWindow(0.2), 3,
                Duration.ofMinutes(30), () -> false, clock, new CreationHorizon(clock), SEND_METERS);
        List<Future<SendResult>> results = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < FailureWindow.SIZE; i++) {
                OutgoingMessage message = message(i + 1, "r" + i + "@example.com");
                if (i % 2 == 0) {
                    gateway.answer(message.request().to(), fault(Kind.TRANSIENT_FAILURE, "HTTP 503"));
                }
                results.add(senders.submit(() -> sender.send(message)));
            }
            for (Future<SendResult> result : results) {
                assertThat(result.get().state()).isEqualTo(DeliveryState.ACCEPTED);
            }
        }
        finally {
            senders.shutdownNow();
        }
        assertThat(sender.haltReason()).as("half the messages failed once, none for good").isNull();
    }

    @Test
    void failuresWhileTheAccountIsUnavailableUseNoAttemptOfTheMessage() throws InterruptedException {
        openBreaker();
        gateway.answer("ann@example.com", refusals(5));

        SendResult ann = sender.send(message(1, "ann@example.com"));

        assertThat(ann.state()).as("max-attempts is 3; five probes failed during the outage").isEqualTo(DeliveryState.ACCEPTED);
        assertThat(ann.attempts()).isEqualTo(6);
        for (String to : new String[] { "bob@example.com", "cid@example.com", "dan@example.com" }) {
            assertThat(sender.send(message(2, to)).state()).isEqualTo(DeliveryState.ACCEPTED);
        }
        assertThat(account.healthy()).as("the probes succeeded").isTrue();
    }

    @Test
    void anOutageLongerThanTheOutageTimeoutHaltsTheRunWithTheMessageUnsent() throws InterruptedException {
        MessageSender patient = sender(Duration.ofSeconds(20));
        openBreaker();
        gateway.answer("ann@example.com", refusals(100));

        SendResult ann = patient.send(message(1, "ann@example.com"));

        assertThat(ann.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(patient.haltReason()).startsWith("scripted unavailable since ")
                .contains(": longer than limits.outage-timeout (20s); run the same command again once it is back");
    }

    @Test
    void aStopAskedWhileTheAccountIsUnavailableHandsTheMessageBackUnsent() throws InterruptedException {
        openBreaker();
        stopAsked.set(true);
        int before = gateway.requests.get();

        SendResult ann = sender.send(message(1, "ann@example.com"));

        assertThat(ann.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(gateway.requests).hasValue(before);
    }

    private static SendOutcome[] refusals(int count) {
        SendOutcome[] refusals = new SendOutcome[count];
        Arrays.fill(refusals, fault(Kind.TRANSIENT_FAILURE, "connection refused"));
        return refusals;
    }

    /** Twenty transient failures in a row: the account's breaker opens. */
    private void openBreaker() {
        for (int i = 0; i < 20; i++) {
            account.record(fault(Kind.TRANSIENT_FAILURE, "HTTP 503"), 1_000_000);
        }
        assertThat(account.healthy()).isFalse();
    }
}
