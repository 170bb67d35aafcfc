package com.campaignsender.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * One meter as {@code summary.json} keeps it: its Micrometer name and tags, and its values (a
 * counter's {@code count}; a timer's {@code count}, {@code meanMs}, {@code maxMs} and
 * percentiles {@code p50Ms}, {@code p95Ms}, {@code p99Ms}).
 */
public record MeterReading(String name, Map<String, String> tags, Map<String, Double> values) {

    /** The reading of a counter or timer; empty for kinds the summary does not keep. */
    static Optional<MeterReading> of(Meter meter) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : meter.getId().getTags()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        Map<String, Double> values = new LinkedHashMap<>();
        if (meter instanceof Counter counter) {
            values.put("count", counter.count());
        }
        else if (meter instanceof Timer timer) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            values.put("count", (double) snapshot.count());
            values.put("meanMs", snapshot.mean(TimeUnit.MILLISECONDS));
            values.put("maxMs", snapshot.max(TimeUnit.MILLISECONDS));
            for (ValueAtPercentile percentile : snapshot.percentileValues()) {
                values.put("p" + Math.round(percentile.percentile() * 100) + "Ms", percentile.value(TimeUnit.MILLISECONDS));
            }
        }
        else {
            return Optional.empty();
        }
        return Optional.of(new MeterReading(meter.getId().getName(), tags, values));
    }
}
