package com.campaignsender.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, per create request, which fault (if any) the simulator answers with, as switched on
 * by {@link SandboxSettings}. The rate limit is a token bucket of {@code rateLimit} per second
 * holding at most one second's worth, as provider limits are commonly enforced.
 */
class SandboxFaults {

    enum Fault {
        NONE, TOO_MANY_REQUESTS, SERVER_ERROR, RESET
    }

    private final SandboxSettings settings;
    private double tokens;
    private long refilledAt = System.nanoTime();

    SandboxFaults(SandboxSettings settings) {
        this.settings = settings;
        this.tokens = settings.rateLimit();
    }

    Fault beforeCreate() {
        if (settings.rateLimit() > 0 && overRate()) {
            return Fault.TOO_MANY_REQUESTS;
        }
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < settings.failureRate()) {
            return Fault.SERVER_ERROR;
        }
        if (draw < settings.failureRate() + settings.resetRate()) {
            return Fault.RESET;
        }
        return Fault.NONE;
    }

    /** After the message was created: is the answer lost on the way back? */
    boolean loseAnswer() {
        return ThreadLocalRandom.current().nextDouble() < settings.lostAnswerRate();
    }

    private synchronized boolean overRate() {
        long now = System.nanoTime();
        tokens = Math.min(settings.rateLimit(), tokens + (now - refilledAt) * settings.rateLimit() / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return true;
        }
        tokens--;
        return false;
    }
}
