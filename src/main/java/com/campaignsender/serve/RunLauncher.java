package com.campaignsender.serve;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.system.ShutdownSignal;

/**
 * Runs prepared runs in the background, one at a time per campaign: a start while the campaign
 * is sending, in this service or in another instance on the same database, is refused (and
 * recorded, see {@link CampaignRunner#refuse}), not queued behind it. The database lock taken
 * when the run starts has the last word; the checks here let the caller hear of a refusal at once.
 */
@Component
class RunLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    /** How long a start waits for a reported run's thread to let go of its campaign. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);

    private final CampaignRunner runner;
    private final ShutdownSignal shutdown;
    /** Campaign name to the run this service is sending for it. */
    private final Map<String, Sending> sending = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "campaign-run");
        thread.setDaemon(true);
        return thread;
    });

    RunLauncher(CampaignRunner runner, ShutdownSignal shutdown) {
        this.runner = runner;
        this.shutdown = shutdown;
    }

    /** Starts the run unless its campaign is sending; answers why it did not start, if it did not. */
    Optional<String> launch(CampaignRunner.PreparedRun prepared, String startedBy) {
        return launch(prepared, startedBy, outcome -> {
        });
    }

    /** As {@link #launch(CampaignRunner.PreparedRun, String)}, and hands the outcome (null if the run threw) over at the end. */
    Optional<String> launch(CampaignRunner.PreparedRun prepared, String startedBy, Consumer<RunOutcome> finished) {
        String campaign = prepared.run().campaign();
        long runId = prepared.run().id();
        Sending mine = new Sending(runId, new CompletableFuture<>());
        Sending other = sending.putIfAbsent(campaign, mine);
        if (other != null && other.runId() != runId && runner.reported(other.runId())) {
            // Its report is out (the page shows it) and its thread is a moment from letting go of
            // the campaign: a list that comes in that moment waits for it rather than being refused.
            other.awaitRelease();
            other = sending.putIfAbsent(campaign, mine);
        }
        Long otherId = other == null ? null : other.runId();
        if (Objects.equals(otherId, runId) || (other == null && runner.sentElsewhere(prepared.run()))) {
            sending.remove(campaign, mine);
            // The same list again while its own run sends: that run is not refused, it is under way.
            return Optional.of("run " + runId + " is sending this list already; nothing more was sent");
        }
        Optional<String> refusal = other != null
                ? Optional.of("campaign " + campaign + " is sending run " + otherId + " in this service; nothing was sent")
                : shutdown.requested() ? Optional.of("the service is stopping; nothing was sent")
                : runner.sendingElsewhere(campaign);
        if (refusal.isPresent()) {
            sending.remove(campaign, mine);
            runner.refuse(prepared, startedBy, refusal.get());
            return refusal;
        }
        executor.execute(() -> {
            RunOutcome outcome = null;
            try {
                outcome = runner.execute(prepared, startedBy);
                log.info("Run {} of {}: {}", prepared.run().id(), campaign,
                        outcome.message() == null ? outcome.result() : outcome.message());
            }
            catch (Exception ex) {
                log.error("Run {} of {} failed: {}", prepared.run().id(), campaign, ex.getMessage());
            }
            finally {
                sending.remove(campaign, mine);
                mine.released().complete(null);
                finished.accept(outcome);
            }
        });
        return Optional.empty();
    }

    boolean isSending(String campaign) {
        return sending.containsKey(campaign);
    }

    /** A run this service sends, and when its thread has let go of the campaign. */
    private record Sending(long runId, CompletableFuture<Void> released) {

        /** Waits for the thread to let go, up to {@link #RELEASE_WAIT}: past it the campaign counts as sending. */
        void awaitRelease() {
            try {
                released.get(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException | ExecutionException ex) {
                // Still holding the campaign: the caller is refused as while it sends.
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
