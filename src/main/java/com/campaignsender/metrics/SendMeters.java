package com.campaignsender.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.ledger.DeliveryState;

/**
 * The meters of one run's sending through one provider and channel, made once so that counting
 * a request costs an increment, not a lookup: each request ({@code campaign.attempts} by answer,
 * {@code campaign.retries}, {@code campaign.rate_limited}, {@code campaign.provider.latency}) and
 * each message's end ({@code campaign.messages} by outcome, {@code campaign.in_doubt}).
 */
public final class SendMeters {

    private final Map<SendOutcome.Kind, Counter> attempts = new EnumMap<>(SendOutcome.Kind.class);
    private final Map<DeliveryState, Counter> messages = new EnumMap<>(DeliveryState.class);
    private final Counter retries;
    private final Counter rateLimited;
    private final Counter inDoubt;
    private final Timer latency;

    SendMeters(MeterRegistry registry, String provider, String channel) {
        for (SendOutcome.Kind kind : SendOutcome.Kind.values()) {
            attempts.put(kind, Counter.builder("campaign.attempts").description("requests to the provider, by its answer")
                    .tags("provider", provider, "channel", channel, "answer", name(kind)).register(registry));
        }
        // The states a message's sending ends in; a row handed back PENDING (the run stopped) has not ended.
        for (DeliveryState state : new DeliveryState[] {DeliveryState.ACCEPTED, DeliveryState.FAILED, DeliveryState.IN_DOUBT}) {
            messages.put(state, Counter.builder("campaign.messages").description("messages whose sending ended, by outcome")
                    .tags("provider", provider, "channel", channel, "outcome", name(state)).register(registry));
        }
        retries = Counter.builder("campaign.retries").description("requests beyond a message's first")
                .tags("provider", provider, "channel", channel).register(registry);
        rateLimited = Counter.builder("campaign.rate_limited").description("429 answers: too fast for the account")
                .tags("provider", provider, "channel", channel).register(registry);
        inDoubt = Counter.builder("campaign.in_doubt").description("requests left unanswered: the provider may have the message")
                .tags("provider", provider, "channel", channel).register(registry);
        latency = Timer.builder("campaign.provider.latency").description("time from a request leaving to its answer")
                .tags("provider", provider, "channel", channel)
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(registry);
    }

    /** A request answered {@code kind} after {@code nanos}; {@code attempt} counts from 1 per message. */
    public void attempted(SendOutcome.Kind kind, long nanos, int attempt) {
        attempts.get(kind).increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
        if (attempt > 1) {
            retries.increment();
        }
        if (kind == SendOutcome.Kind.RATE_LIMITED) {
            rateLimited.increment();
        }
    }

    /** A message's sending ended in {@code state}. */
    public void ended(DeliveryState state) {
        Counter counter = messages.get(state);
        if (counter != null) {
            counter.increment();
        }
        if (state == DeliveryState.IN_DOUBT) {
            inDoubt.increment();
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
