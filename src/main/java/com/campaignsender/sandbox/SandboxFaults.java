package com.campaignsender.sandbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decides, per request, which fault (if any) the simulator answers with, as switched on by
 * {@link SandboxSettings}: any call may fail or be dropped, a create may also be refused for its
 * rate or finish after the client gave up ({@link Fault#LATE_CREATE}, created by {@link #later}).
 * The rate limit is a token bucket of {@code rateLimit} per second holding at most one second's
 * worth, as provider limits are commonly enforced.
 */
class SandboxFaults implements AutoCloseable {

    enum Fault {
        NONE, TOO_MANY_REQUESTS, SERVER_ERROR, RESET, LATE_CREATE
    }

    private final SandboxSettings settings;
    private final ScheduledExecutorService backlog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-late-creates");
        thread.setDaemon(true);
        return thread;
    });
    private double tokens;
    private long refilledAt = System.nanoTime();
    private double readTokens;
    private long readsRefilledAt = System.nanoTime();

    SandboxFaults(SandboxSettings settings) {
        this.settings = settings;
        this.tokens = settings.rateLimit();
        this.readTokens = settings.readLimit();
    }

    /**
     * For a read counted by the minute ({@code readLimit}, Infobip's reports and logs): whether it
     * is over the limit. A bucket of a minute's reads, refilled evenly.
     */
    synchronized boolean overReadLimit() {
        if (settings.readLimit() <= 0) {
            return false;
        }
        long now = System.nanoTime();
        readTokens = Math.min(settings.readLimit(), readTokens + (now - readsRefilledAt) * settings.readLimit() / 60e9);
        readsRefilledAt = now;
        if (readTokens < 1) {
            return true;
        }
        readTokens--;
        return false;
    }

    /** For a call that creates nothing (a listing page, a report or log read, a get). */
    Fault beforeRead() {
        double draw = ThreadLocalRandom.current().nextDouble();
        return draw < settings.failureRate() ? Fault.SERVER_ERROR
                : draw < settings.failureRate() + settings.resetRate() ? Fault.RESET
                : Fault.NONE;
    }

    Fault beforeCreate() {
        if (settings.rateLimit() > 0 && overRate()) {
            return Fault.TOO_MANY_REQUESTS;
        }
        Fault fault = beforeRead();
        if (fault == Fault.NONE && ThreadLocalRandom.current().nextDouble() < settings.lateCreateRate()) {
            return Fault.LATE_CREATE;
        }
        return fault;
    }

    /** Creates a message whose request was dropped unanswered, {@code lateCreateDelay} from now. */
    void later(Runnable create) {
        backlog.schedule(create, settings.lateCreateDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        backlog.shutdownNow();
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
