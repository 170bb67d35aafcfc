package com.campaignsender.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved by an offset a test sets: time flows as usual (statuses progress,
 * timeouts pass), and a test makes it any hour of a coming day, or jumps it on, without sleeping.
 * It only ever moves forward, as the account's budget and the provider's listing expect of time.
 */
public final class ShiftedClock extends Clock {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock on to {@code time} in {@code zone} on a day after the one it reads; answers that moment. */
    public ZonedDateTime forwardTo(LocalTime time, ZoneId zone) {
        ZonedDateTime moment = instant().atZone(zone).plusDays(1).with(time);
        shift.set(Duration.between(Instant.now(), moment.toInstant()));
        return moment;
    }

    public void advance(Duration duration) {
        shift.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
