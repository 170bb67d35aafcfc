package com.campaignsender.serve;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunOutcome;
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

    private final CampaignRunner runner;
    private final ShutdownSignal shutdown;
    /** Campaign name to the id of the run this service is sending for it. */
    private final Map<String, Long> sending = new ConcurrentHashMap<>();
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
        Long other = sending.putIfAbsent(campaign, runId);
        if (Objects.equals(other, runId) || (other == null && runner.sentElsewhere(prepared.run()))) {
            if (other == null) {
                sending.remove(campaign);
            }
            // The same list again while its own run sends: that run is not refused, it is under way.
            return Optional.of("run " + runId + " is sending this list already; nothing more was sent");
        }
        Optional<String> refusal = other != null
                ? Optional.of("campaign " + campaign + " is sending run " + other + " in this service; nothing was sent")
                : shutdown.requested() ? Optional.of("the service is stopping; nothing was sent")
                : runner.sendingElsewhere(campaign);
        if (refusal.isPresent()) {
            if (other == null) {
                sending.remove(campaign);
            }
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
                sending.remove(campaign);
                finished.accept(outcome);
            }
        });
        return Optional.empty();
    }

    boolean isSending(String campaign) {
        return sending.containsKey(campaign);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
