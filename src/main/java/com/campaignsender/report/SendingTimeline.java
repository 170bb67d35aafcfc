package com.campaignsender.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Requests sent over time, counted while the report's rows stream past, for report.html's chart:
 * in periods of 10 ms, so that a run of two seconds still shows its shape, made ten times longer
 * whenever there are more than {@value #MOST_PERIODS} of them, so that a long, slow run of
 * millions of rows counts in a few thousand periods, not one per message.
 */
final class SendingTimeline {

    private static final int MOST_PERIODS = 10_000;

    private long periodMillis = 10;
    private NavigableMap<Long, Long> counts = new TreeMap<>();

    void add(Instant sentAt) {
        counts.merge(sentAt.toEpochMilli() / periodMillis, 1L, Long::sum);
        if (counts.size() > MOST_PERIODS) {
            NavigableMap<Long, Long> coarser = new TreeMap<>();
            counts.forEach((period, count) -> coarser.merge(period / 10, count, Long::sum));
            counts = coarser;
            periodMillis *= 10;
        }
    }

    /** At most {@code most} bars of whole periods from the first request to the last, each labelled with its start. */
    List<ReportPage.Bar> bars(int most) {
        if (counts.isEmpty()) {
            return List.of();
        }
        long first = counts.firstKey();
        long span = counts.lastKey() - first + 1;
        long width = Math.max(1, (span + most - 1) / most);
        long[] perBar = new long[(int) ((span + width - 1) / width)];
        counts.forEach((period, count) -> perBar[(int) ((period - first) / width)] += count);
        long largest = Arrays.stream(perBar).max().orElse(1);
        List<ReportPage.Bar> bars = new ArrayList<>();
        for (int i = 0; i < perBar.length; i++) {
            bars.add(new ReportPage.Bar(Instant.ofEpochMilli((first + i * width) * periodMillis).toString(), perBar[i],
                    100.0 * perBar[i] / Math.max(1, largest), "#1565c0"));
        }
        return bars;
    }
}
