package com.campaignsender.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.report.RunSummary;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines a completed run ends with. */
class SummaryPrinterTests {

    @Test
    void aRunCompletedWithMessagesWhoseFinalStatusTheProviderHasNotGivenSaysHowToAskLater() {
        assertThat(printed(Map.of("DELIVERED", 10L, "ACCEPTED", 3L)))
                .contains("DELIVERED 10", "ACCEPTED 3", "  3 accepted, final status not yet known: `reconcile 7` later");
    }

    @Test
    void aRunWhoseEveryMessageIsFinalSaysNothingOfIt() {
        assertThat(printed(Map.of("DELIVERED", 13L))).doesNotContain("not yet known");
    }

    private static String printed(Map<String, Long> states) {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        RunSummary summary = new RunSummary(7, "welcome", false, "list.csv", "0".repeat(64), "1".repeat(64), (int) rows, rows, states,
                rows, 0, 0, 0, at, at, 1.0, 1.0, 13.0, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        CampaignRun run = new CampaignRun(7, "welcome", "0".repeat(64), false, Path.of("list.csv"), Path.of("welcome.yml"),
                List.of("email"), Optional.of((int) rows), Duration.ZERO, 0, RunStatus.COMPLETED, at, Optional.of(at), Optional.empty());
        StringWriter out = new StringWriter();
        SummaryPrinter.print(new PrintWriter(out), new RunOutcome(RunOutcome.Result.COMPLETED, run, Path.of("reports"), summary, null));
        return out.toString();
    }
}
