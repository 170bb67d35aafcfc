package com.campaignsender.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.campaignsender.gateway.SendOutcome;

/**
 * One provider account as every run in this process sends through it (SPEC section 12): its
 * budget, shared with the other processes on the database; its health, a circuit breaker over
 * transient failures; and the pause that a 429 puts on all of its senders at once. A request
 * goes out only on {@link #awaitTurn}; its outcome comes back through {@link #record}.
 */
public final class ProviderAccount {

    private static final Logger log = LoggerFactory.getLogger(ProviderAccount.class);
    /** How long the breaker stays open before it lets probes through. */
    static final Duration PROBE_AFTER = Duration.ofSeconds(5);
    /** How often a sender held back looks again (for a probe, a stop or the end of a pause). */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);
    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    /**
     * How long an account whose balance ran out is held before one request probes it again: a
     * balance is topped up by a person, not in the seconds a breaker waits.
     */
    static final Duration BALANCE_PROBE_AFTER = Duration.ofMinutes(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Whether a request may go out. */
    public enum Turn {
        GO,
        /** The caller's stop condition came true while it waited. */
        STOPPED
    }

    /**
     * The account is unavailable since {@code since} ({@code why}: unavailable, or its balance out);
     * probes go through from {@code nextProbe}.
     */
    public record Unavailable(String account, String why, Instant since, Instant nextProbe) {

        public String describe() {
            return account + " " + why + " since " + TIME.format(since.atZone(ZoneId.systemDefault()))
                    + ", next probe " + TIME.format(nextProbe.atZone(ZoneId.systemDefault()));
        }
    }

    /** A transient failure as the breaker records it; the outcome's detail travels in the ledger, not here. */
    private static final class TransientFailure extends RuntimeException {

        TransientFailure() {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final Optional<AccountBudget> budget;
    private final Optional<AccountBudget> readBudget;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong healthyAnswers = new AtomicLong();
    private volatile Instant unavailableSince;
    private volatile Instant nextProbe;
    private Instant pausedUntil = Instant.MIN;
    private volatile Instant balanceOutSince;
    private volatile Instant balanceProbe;

    /** An account with no budget of its own ({@code campaign.providers.<name>.rate} unset): each campaign's pace is its limit. */
    public static ProviderAccount withoutBudget(String name, Clock clock) {
        return new ProviderAccount(name, Optional.empty(), Optional.empty(), clock);
    }

    /** {@code readBudget}: the account's reads' own budget, where its provider counts them apart; else they share {@code budget}. */
    ProviderAccount(String name, Optional<AccountBudget> budget, Optional<AccountBudget> readBudget, Clock clock) {
        this.name = name;
        this.budget = budget;
        this.readBudget = readBudget;
        this.clock = clock;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(50)
                .minimumNumberOfCalls(20)
                .failureRateThreshold(50)
                .waitDurationInOpenState(PROBE_AFTER)
                .permittedNumberOfCallsInHalfOpenState(3)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> changed(event.getStateTransition().getToState()));
    }

    public String name() {
        return name;
    }

    /**
     * Blocks until one request may go out: after a 429's pause, while the breaker lets it through,
     * within the account's budget. Waiting on an open breaker costs the message no attempt.
     * {@code stop} is asked while waiting (a stop, a pause, an outage longer than the run waits).
     */
    public Turn awaitTurn(BooleanSupplier stop) throws InterruptedException {
        return awaitTurn(stop, true);
    }

    /**
     * Blocks until one read (a page of a status listing, a report or log read) may go out: after a
     * 429's pause, within the account's read budget, or its budget where reads and sends share one.
     * The breaker and a spent balance are the senders': a read neither waits on them nor counts in
     * them, so that a run can still read statuses while no message is being sent to probe it.
     */
    public Turn awaitReadTurn(BooleanSupplier stop) throws InterruptedException {
        return awaitTurn(stop, false);
    }

    private Turn awaitTurn(BooleanSupplier stop, boolean throughBreaker) throws InterruptedException {
        while (true) {
            if (stop.getAsBoolean()) {
                return Turn.STOPPED;
            }
            Instant now = clock.instant();
            Instant pause = pausedUntil();
            if (pause.isAfter(now)) {
                Thread.sleep(Math.min(LOOK_AGAIN.toMillis(), Math.max(1, Duration.between(now, pause).toMillis())));
            }
            else if (throughBreaker && balanceHeld(now)) {
                Thread.sleep(LOOK_AGAIN.toMillis());
            }
            else if (!throughBreaker || breaker.tryAcquirePermission()) {
                break;
            }
            else {
                Thread.sleep(LOOK_AGAIN.toMillis());
            }
        }
        try {
            Optional<AccountBudget> turns = throughBreaker ? budget : readBudget.or(() -> budget);
            if (turns.isPresent()) {
                turns.get().acquire();
            }
            return Turn.GO;
        }
        catch (InterruptedException | RuntimeException ex) {
            if (throughBreaker) {
                breaker.releasePermission();
            }
            throw ex;
        }
    }

    /**
     * The outcome of a request {@link #awaitTurn} let through, {@code nanos} after it left.
     * Transient failures (5xx, resets, timeouts) count against the account's health; answers
     * that prove it healthy (accepted, or a refusal of this one message) count for it; a 429 is
     * pacing and a refused credential is the operator's to mend, so neither counts.
     */
    public void record(SendOutcome outcome, long nanos) {
        switch (outcome.kind()) {
            case ACCEPTED, PERMANENT_FAILURE -> {
                if (outcome.kind() == SendOutcome.Kind.ACCEPTED && balanceOutSince != null) {
                    log.info("{}: the balance is back: sending again", name);
                    balanceOutSince = null;
                }
                healthyAnswers.incrementAndGet();
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            case TRANSIENT_FAILURE, NO_ANSWER -> breaker.onError(nanos, TimeUnit.NANOSECONDS, new TransientFailure());
            case RATE_LIMITED -> {
                breaker.releasePermission();
                rateLimited(outcome.retryAfter());
            }
            case UNAUTHORIZED -> breaker.releasePermission();
            case PAYMENT_REQUIRED -> {
                breaker.releasePermission();
                balanceOut();
            }
        }
    }

    /**
     * A 402: the account's balance is out. Every run on it is held, as an open breaker holds
     * them, and one request probes it again {@link #BALANCE_PROBE_AFTER} later.
     */
    private synchronized void balanceOut() {
        Instant now = clock.instant();
        if (balanceOutSince == null) {
            balanceOutSince = now;
            log.warn("{}: the account's balance is out; its runs are held until it is topped up", name);
        }
        balanceProbe = now.plus(BALANCE_PROBE_AFTER);
    }

    /** Whether a spent balance holds senders back now; past the probe time one request goes to see. */
    private synchronized boolean balanceHeld(Instant now) {
        if (balanceOutSince == null || !now.isBefore(balanceProbe)) {
            if (balanceOutSince != null) {
                balanceProbe = now.plus(BALANCE_PROBE_AFTER); // this request is the probe; the others wait for its answer
            }
            return false;
        }
        return true;
    }

    /** Whether the account is healthy now: a failure seen while it is not is the account's, not the message's. */
    public boolean healthy() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /** The breaker's state, for {@code campaign.account.breaker.state}. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** How many times the breaker has opened: a failure followed by an opening was part of an outage. */
    public long outages() {
        return outages.get();
    }

    /** How many answers so far showed the account working (accepted, or a refusal of one message). */
    public long healthyAnswers() {
        return healthyAnswers.get();
    }

    public Optional<Unavailable> unavailable() {
        Instant balanceOut = balanceOutSince;
        if (balanceOut != null) {
            return Optional.of(new Unavailable(name, "out of balance", balanceOut, balanceProbe));
        }
        Instant since = unavailableSince;
        Instant probe = nextProbe;
        return since == null ? Optional.empty()
                : Optional.of(new Unavailable(name, "unavailable", since, probe != null ? probe : since));
    }

    /** A 429: every sender of the account waits until {@code retryAfter} (one second when the provider gave none) has passed. */
    private synchronized void rateLimited(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter == null ? DEFAULT_PAUSE : retryAfter);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    private synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    private void changed(CircuitBreaker.State state) {
        Instant now = clock.instant();
        switch (state) {
            case OPEN -> {
                outages.incrementAndGet();
                if (unavailableSince == null) {
                    unavailableSince = now;
                }
                nextProbe = now.plus(PROBE_AFTER);
                log.warn("{}", unavailable().orElseThrow().describe());
            }
            case CLOSED -> {
                if (unavailableSince != null) {
                    log.info("{} available again after {}s", name, Duration.between(unavailableSince, now).toSeconds());
                }
                unavailableSince = null;
                nextProbe = null;
            }
            default -> {
                // HALF_OPEN: the probes are on their way; still unavailable until they succeed.
            }
        }
    }
}
