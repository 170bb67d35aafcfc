package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSenderTests {

    private static final Limits LIMITS = new Limits(Rate.parse("1000/s"), 1000, 4, 10, 3, 0.5);

    private final ScriptedGateway gateway = new ScriptedGateway();
    private final AccountThrottle throttle = new AccountThrottle(LIMITS, Clock.systemUTC());
    private final MessageSender sender = new MessageSender(gateway, throttle, new FailureWindow(0.5), 3);

    private static OutgoingMessage message(int row, String to) {
        return new OutgoingMessage(row, new SendRequest("c-1-" + row, to, "S", null, "Hi"), null);
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
        SendResult bob = sender.send(message(2, "bob@example.com"));

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
        long started = System.nanoTime();

        SendResult ann = sender.send(message(1, "ann@example.com"));
        SendResult bob = sender.send(message(2, "bob@example.com"));

        assertThat(ann.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(ann.attempts()).isEqualTo(2);
        assertThat(bob.state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(throttle.takeRateLimitedCount()).isEqualTo(1);
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
                .isEqualTo("70 of the last 100 attempts failed, above limits.error-threshold; the last: HTTP 400 row 99");
        assertThat(sender.send(message(1000, "late@example.com")).state()).isEqualTo(DeliveryState.PENDING);
    }
}
