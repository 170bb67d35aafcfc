package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import com.campaignsender.definition.CampaignDefinition.Limits;

/**
 * The pace of one provider account, shared by every sending thread of a run: a token bucket of
 * {@code limits.rate} with room for {@code limits.burst}, and a pause that one 429 puts on all
 * threads at once, for its {@code Retry-After}, so that the account slows down, not one thread.
 */
class AccountThrottle {

    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    private final Bucket bucket;
    private final Clock clock;
    private final AtomicLong rateLimited = new AtomicLong();
    private Instant pausedUntil = Instant.MIN;

    AccountThrottle(Limits limits, Clock clock) {
        this.bucket = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst())
                        .refillGreedy(limits.rate().permits(), limits.rate().period()).build())
                .build();
        this.clock = clock;
    }

    /**
     * Blocks until this thread may send one request. Instants are compared, and a Duration made
     * only for a real pause: one from Instant.MIN overflows, and a thrown and caught overflow per
     * request cost a deoptimization each.
     */
    void acquire() throws InterruptedException {
        Instant until;
        Instant now;
        while ((until = pausedUntil()).isAfter(now = clock.instant())) {
            Thread.sleep(Math.max(1, Duration.between(now, until).toMillis()));
        }
        bucket.asBlocking().consume(1);
    }

    /** A 429: every thread waits until {@code retryAfter} (one second when the provider gave none) has passed. */
    synchronized void rateLimited(Duration retryAfter) {
        rateLimited.incrementAndGet();
        Instant until = clock.instant().plus(retryAfter == null ? DEFAULT_PAUSE : retryAfter);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** 429 answers so far, and counts them as taken. */
    long takeRateLimitedCount() {
        return rateLimited.getAndSet(0);
    }

    private synchronized Instant pausedUntil() {
        return pausedUntil;
    }
}
