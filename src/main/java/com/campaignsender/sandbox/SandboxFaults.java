package com.campaignsender.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, per create request, which fault (if any) the simulator answers with, as switched on
 * by {@link SandboxSettings}. The rate limit counts requests in the current second.
 */
class SandboxFaults {

    enum Fault {
        NONE, TOO_MANY_REQUESTS, SERVER_ERROR, RESET
    }

    private final SandboxSettings settings;
    private long windowSecond;
    private int windowCount;

    SandboxFaults(SandboxSettings settings) {
        this.settings = settings;
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
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        return ++windowCount > settings.rateLimit();
    }
}
