package com.campaignsender.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The process was asked to stop (SIGTERM or Ctrl-C, see {@code cli.StopSignals}, or the end of
 * the application context): runs in flight end at their next safe point (between two chunks, or
 * between two status polls) with their state written, and are STOPPED, to resume where they left
 * off. Only then do {@code serve} and {@code sandbox} return and the process close its database.
 */
@Component
public class ShutdownSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);
    /** A chunk ends in seconds; one that does not (a provider that stopped answering) is not waited for forever. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    /** Thrown at a safe point once the process is stopping. */
    public static class StoppingException extends RuntimeException {

        StoppingException() {
            super("the process was asked to stop (SIGTERM or Ctrl-C) and stopped between two chunks, every answer recorded");
        }
    }

    /** A run the stop waits for; closed when it ends. */
    public interface Work extends AutoCloseable {

        @Override
        void close();
    }

    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Work in flight that handed itself back at the stop ({@link #handBack}): no longer waited for. */
    private final AtomicInteger handedBack = new AtomicInteger();
    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean running;

    /** Asks every run in flight to stop at its next safe point. */
    public void request() {
        if (stopping.getCount() > 0) {
            if (inFlight.get() > 0) {
                log.info("Stopping: {} run(s) in flight end after the chunk they are sending", inFlight.get());
            }
            beforeStop.forEach(Runnable::run);
        }
        stopping.countDown();
    }

    /**
     * Runs {@code hook} when the stop is asked, before any run hears of it, until the returned
     * handle is closed: a cluster's manager asks its partitions to stop before the partitions this
     * process works see the stop and hand themselves back.
     */
    public Work beforeStop(Runnable hook) {
        beforeStop.add(hook);
        return () -> beforeStop.remove(hook);
    }

    /** How many partitions this process handed back at its stop (see {@link #handBack}). */
    public int handedBack() {
        return handedBack.get();
    }

    /**
     * For a cluster's partition at its safe point once the process is stopping, every answer
     * recorded: it is not ended but handed back. The thread waits here until the process exits,
     * so that the partition's step execution stays unfinished and its request, never
     * acknowledged, goes back to the broker for another worker, as a dead worker's would; the
     * stop no longer waits for it. Never returns.
     */
    public void handBack() {
        handedBack.incrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            }
            catch (InterruptedException ex) {
                // a closing listener container interrupts its threads: the partition still must not end
            }
        }
    }

    public boolean requested() {
        return stopping.getCount() == 0;
    }

    /** Whether a stop has anything to wait for: a run in flight, or a service waiting to be stopped. */
    public boolean busy() {
        return inFlight.get() > handedBack.get() || waiting.get() > 0;
    }

    /** A safe point: throws {@link StoppingException} once the process is stopping. */
    public void checkpoint() {
        if (requested()) {
            throw new StoppingException();
        }
    }

    /** Waits as long as {@code duration}, and throws {@link StoppingException} as soon as the process is stopping. */
    public void pause(Duration duration) throws InterruptedException {
        if (stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StoppingException();
        }
    }

    /** Marks a run that a stop waits for, until the returned handle is closed. */
    public Work enter() {
        inFlight.incrementAndGet();
        return () -> {
            inFlight.decrementAndGet();
            synchronized (idle) {
                idle.notifyAll();
            }
        };
    }

    /** For a command that runs until stopped ({@code serve}, {@code sandbox}): returns once stopped and its runs ended. */
    public void awaitStop() throws InterruptedException {
        waiting.incrementAndGet();
        stopping.await();
        awaitIdle();
    }

    /**
     * A context stopped and started again is running again, and so is this: Spring Framework 7
     * pauses cached test contexts (stops their lifecycle beans) and restarts them when a test
     * class needs them, and a stop once asked must not stop every run after the restart.
     */
    @Override
    public void start() {
        if (stopping.getCount() == 0) {
            stopping = new CountDownLatch(1);
        }
        running = true;
    }

    @Override
    public void stop() {
        request();
        try {
            awaitIdle();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The highest phase stops first: runs end before the web server and the database close. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        synchronized (idle) {
            while (inFlight.get() > handedBack.get()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.warn("Stopping: runs still in flight after {}; their ledger resumes them on the next start",
                            LONGEST_WAIT);
                    return;
                }
                idle.wait(left);
            }
        }
    }
}
