package com.campaignsender.report;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendingTimelineTests {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    /** A run of two seconds still shows its shape: bars of 50 ms, not two bars of a second. */
    @Test
    void aShortRunIsDrawnInPeriodsOfMilliseconds() {
        SendingTimeline timeline = new SendingTimeline();
        for (int ms = 0; ms < 2000; ms++) {
            timeline.add(START.plusMillis(ms));
        }
        List<ReportPage.Bar> bars = timeline.bars(40);
        assertThat(bars).hasSize(40).allSatisfy(bar -> assertThat(bar.count()).isEqualTo(50));
        assertThat(bars.get(1).label()).isEqualTo("2026-12-05T10:00:00.050Z");
    }

    /** Two million messages over ten hours count in a few thousand periods, every message still counted once. */
    @Test
    void aLongSlowRunKeepsFewPeriodsAndEveryMessage() {
        SendingTimeline timeline = new SendingTimeline();
        for (int message = 0; message < 2_000_000; message++) {
            timeline.add(START.plusMillis(message * 18L));
        }
        List<ReportPage.Bar> bars = timeline.bars(40);
        assertThat(bars).hasSizeLessThanOrEqualTo(40);
        assertThat(bars.stream().mapToLong(ReportPage.Bar::count).sum()).isEqualTo(2_000_000);
    }
}
