package com.campaignsender.serve;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.campaignsender.send.CampaignRunner;
import com.campaignsender.send.RunOutcome;

/**
 * Runs prepared runs in the background, one at a time per campaign in this process: a start
 * while the campaign is sending is refused, not queued behind it.
 */
@Component
class RunLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final CampaignRunner runner;
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "campaign-run");
        thread.setDaemon(true);
        return thread;
    });

    RunLauncher(CampaignRunner runner) {
        this.runner = runner;
    }

    /** Starts the run unless its campaign is sending; answers whether it started. */
    boolean launch(CampaignRunner.PreparedRun prepared) {
        return launch(prepared, outcome -> {
        });
    }

    /** As {@link #launch(CampaignRunner.PreparedRun)}, and hands the outcome (null if the run threw) over at the end. */
    boolean launch(CampaignRunner.PreparedRun prepared, Consumer<RunOutcome> finished) {
        String campaign = prepared.run().campaign();
        if (!sending.add(campaign)) {
            log.info("Run {} of {} not started: the campaign is sending another run", prepared.run().id(), campaign);
            return false;
        }
        executor.execute(() -> {
            RunOutcome outcome = null;
            try {
                outcome = runner.execute(prepared);
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
        return true;
    }

    boolean isSending(String campaign) {
        return sending.contains(campaign);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
