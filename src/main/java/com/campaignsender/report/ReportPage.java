package com.campaignsender.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import com.campaignsender.reconcile.Discrepancy;

/**
 * {@code report.html}: the one page a person reads about a run. Self-contained (inline CSS and
 * SVG, no script, no external asset), so that it opens from a mail attachment or a file share.
 * Everything it shows from the run is escaped by the template's HTML output format.
 */
public final class ReportPage {

    private static final int TIMELINE_BARS = 40;
    private static final Map<String, String> COLOURS = Map.ofEntries(Map.entry("DELIVERED", "#2e7d32"),
            Map.entry("ACCEPTED", "#66bb6a"), Map.entry("BOUNCED", "#ef6c00"), Map.entry("FAILED", "#c62828"),
            Map.entry("EXPIRED", "#8d6e63"), Map.entry("REJECTED", "#757575"), Map.entry("IN_DOUBT", "#6a1b9a"),
            Map.entry("UNKNOWN", "#9e9d24"), Map.entry("PENDING", "#1565c0"), Map.entry("SENDING", "#0277bd"));

    private ReportPage() {
    }

    /** One bar of a chart; public because the template reads it. */
    public record Bar(String label, long count, double percent, String colour) {
    }

    static void write(Path file, RunSummary summary, Map<String, Long> topErrors, NavigableMap<Long, Long> sentPerSecond,
            List<Discrepancy> discrepancies) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("summary", summary);
        model.put("states", states(summary));
        model.put("errors", topErrors);
        model.put("timeline", timeline(sentPerSecond));
        model.put("discrepancies", discrepancies.stream().limit(100).toList());
        model.put("discrepancyCount", discrepancies.size());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HtmlTemplates.render("report.html.ftl", model, out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static List<Bar> states(RunSummary summary) {
        long largest = summary.states().values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        summary.states().forEach((state, count) -> {
            if (count > 0) {
                bars.add(new Bar(state, count, 100.0 * count / Math.max(1, largest), COLOURS.getOrDefault(state, "#999")));
            }
        });
        return bars;
    }

    /** Requests sent per period, the run's sending time cut into at most {@value #TIMELINE_BARS} periods. */
    private static List<Bar> timeline(NavigableMap<Long, Long> perSecond) {
        if (perSecond.isEmpty()) {
            return List.of();
        }
        long first = perSecond.firstKey();
        long span = perSecond.lastKey() - first + 1;
        long width = Math.max(1, (span + TIMELINE_BARS - 1) / TIMELINE_BARS);
        long[] counts = new long[(int) ((span + width - 1) / width)];
        perSecond.forEach((second, count) -> counts[(int) ((second - first) / width)] += count);
        long largest = Arrays.stream(counts).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            bars.add(new Bar(Instant.ofEpochSecond(first + i * width).toString(), counts[i],
                    100.0 * counts[i] / Math.max(1, largest), "#1565c0"));
        }
        return bars;
    }
}
