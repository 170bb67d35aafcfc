package com.campaignsender.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes guessing slow (SPEC section 19): each client address may fail {@value #PER_MINUTE} times a
 * minute, in any mix of logins, bearer tokens and webhook path secrets; after that its next tries
 * are refused, right or wrong, until the minute refills. A failure is logged with the address and
 * what was tried for, never with the guess itself. The buckets live in this process: it is the one
 * that answers the web.
 */
@Component
class GuessLimiter {

    static final int PER_MINUTE = 10;
    /** Addresses remembered before those that have earned their full allowance back are forgotten. */
    private static final int REMEMBERED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(GuessLimiter.class);

    private final Map<String, Bucket> failures = new ConcurrentHashMap<>();
    private final TimeMeter time;

    GuessLimiter(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** How long the client must wait before it may try again, when it has used up its failures. */
    Optional<Duration> refusal(String client) {
        Bucket bucket = failures.get(client);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    /** Counts a failed try of the client's: {@code what} says what it was (never the guess). */
    void failed(String client, String what) {
        if (failures.size() >= REMEMBERED) {
            failures.values().removeIf(bucket -> bucket.getAvailableTokens() >= PER_MINUTE);
        }
        Bucket bucket = failures.computeIfAbsent(client, address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(PER_MINUTE).refillGreedy(PER_MINUTE, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time).build());
        bucket.tryConsume(1);
        log.warn("{} from {} ({} of its {} failures a minute used)", what, client, PER_MINUTE - bucket.getAvailableTokens(),
                PER_MINUTE);
    }
}
