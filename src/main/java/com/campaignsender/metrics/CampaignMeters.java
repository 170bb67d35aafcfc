package com.campaignsender.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.campaignsender.system.WorkerProcess;

/**
 * This process's meters (SPEC section 16), in the registry Actuator serves at
 * {@code /actuator/prometheus}. A run's sending is counted twice over, in that registry and in one
 * of the run's own, so that the report can write what this process measured of the run into
 * {@code summary.json}: a {@code run} from cron has no Prometheus to be scraped by, and a
 * Pushgateway would keep a finished run's last values as if it were still going.
 */
@Component
public class CampaignMeters {

    private final MeterRegistry registry;
    private final boolean reportsRuns;
    private final Map<Long, SimpleMeterRegistry> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rowsWaiting = new ConcurrentHashMap<>();

    public CampaignMeters(MeterRegistry registry, @Value("${" + WorkerProcess.PROPERTY + ":false}") boolean worker) {
        this.registry = registry;
        // A cluster's worker sends partitions of runs that their managers report: it keeps no run's
        // own registry, which it would never be asked for nor be told to drop.
        this.reportsRuns = !worker;
    }

    /** The meters of a run's sending; in a process that reports runs, its counts also go to the run's own registry. */
    public SendMeters sending(long runId, String provider, String channel) {
        if (!reportsRuns) {
            return new SendMeters(registry, provider, channel);
        }
        SimpleMeterRegistry run = runs.computeIfAbsent(runId, id -> new SimpleMeterRegistry());
        return new SendMeters(new CompositeMeterRegistry(registry.config().clock(), List.of(registry, run)), provider, channel);
    }

    /** What this process measured of the run's sending, sorted by name and tags; none if it sent nothing of it. */
    public List<MeterReading> readingsOf(long runId) {
        return Optional.ofNullable(runs.get(runId)).stream()
                .flatMap(run -> run.getMeters().stream())
                .flatMap(meter -> MeterReading.of(meter).stream())
                .sorted(Comparator.comparing(MeterReading::name).thenComparing(reading -> reading.tags().toString()))
                .toList();
    }

    /** The run is reported: its own registry is dropped (the process registry keeps counting). */
    public void forget(long runId) {
        runs.remove(runId);
    }

    /**
     * {@code campaign.rows.waiting}: the rows of the campaign's run that this process has still
     * to send, in its current pass or until its send window opens. One run of a campaign sends
     * at a time (the campaign lock), so one value per campaign.
     */
    public AtomicLong rowsWaiting(String campaign) {
        return rowsWaiting.computeIfAbsent(campaign, name -> {
            AtomicLong rows = new AtomicLong();
            Gauge.builder("campaign.rows.waiting", rows, AtomicLong::get).description("rows still to send")
                    .tag("campaign", name).strongReference(true).register(registry);
            return rows;
        });
    }
}
