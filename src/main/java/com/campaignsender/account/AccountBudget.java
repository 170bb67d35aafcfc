package com.campaignsender.account;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * A provider account's token bucket, kept in the database so that every process on it shares one
 * budget, at {@value #RATE_PERCENT}% of the account's rate and {@value #BURST_PERCENT}% of its
 * burst. Tokens are taken in blocks of about {@link #BLOCK} of the rate and spent locally, so a
 * send is not a database round trip: at 200/s a process takes ten tokens every 50 ms. A block
 * is reserved when taken, so no process sends ahead of the account's rate; a process that stops
 * leaves at most one block unspent.
 */
final class AccountBudget implements Pace {

    static final Duration BLOCK = Duration.ofMillis(50);
    /** The share of the account's rate the budget hands out, in percent: its clock and the provider's differ. */
    static final int RATE_PERCENT = 98;
    /**
     * The share of the account's burst the budget hands out, in percent: requests arrive unevenly.
     * The margin must hold the blocks that processes took but send late, bunched with fresh ones:
     * at 90% (30 of a 300 burst, two blocks), three cold cluster workers on two cores had 17 of
     * 12,000 requests refused in the first seconds, before the provider's bucket refilled ahead of ours.
     */
    static final int BURST_PERCENT = 80;

    private final BucketProxy bucket;
    private final int block;
    private final ReentrantLock lock = new ReentrantLock();
    private int unspent;

    /**
     * {@code configurationVersion}: the configuration written by the most recently started
     * process wins, so that a changed rate takes effect when the processes restart.
     */
    AccountBudget(ProxyManager<String> buckets, String account, Budget budget, long configurationVersion) {
        // A margin below the account's limits: the provider counts arrivals on its own clock, and
        // requests reach it a little unevenly (slower while a process warms up, then bunched), so
        // a budget of exactly its rate and burst had 3 of 1,000 requests refused, measured.
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, budget.burst() * BURST_PERCENT / 100))
                        .refillGreedy(budget.rate().permits() * RATE_PERCENT, budget.rate().period().multipliedBy(100)).build())
                .build();
        this.bucket = buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(account, () -> configuration);
        long perBlock = budget.rate().permits() * BLOCK.toNanos() / budget.rate().period().toNanos();
        this.block = (int) Math.max(1, Math.min(budget.burst(), perBlock));
    }

    /** Blocks until this thread may send one request within the account's budget. */
    @Override
    public void acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (unspent == 0) {
                bucket.asBlocking().consume(block);
                unspent = block;
            }
            unspent--;
        }
        finally {
            lock.unlock();
        }
    }

    int block() {
        return block;
    }
}
