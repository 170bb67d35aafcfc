package com.campaignsender.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.campaignsender.report.RunSummary;
import com.campaignsender.operate.RunOutcome;

/** The few lines a run ends with: what happened, the counts, and where the report is. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(PrintWriter out, RunOutcome outcome) {
        switch (outcome.result()) {
            case ALREADY_COMPLETED -> {
                out.println("Nothing to do: " + outcome.message() + ".");
                out.println("Report: " + outcome.reportDirectory());
            }
            case FAILED -> {
                out.println("Run " + outcome.run().id() + " of " + outcome.run().campaign() + " did not finish: "
                        + outcome.message());
                out.println("Run the same command again to resume it; nothing already sent is sent again.");
            }
            case REFUSED -> {
                out.println("Run " + outcome.run().id() + " of " + outcome.run().campaign() + " was not started: "
                        + outcome.message());
                out.println("Run the same command again once the other run has finished.");
            }
            case PAUSED -> out.println("Run " + outcome.run().id() + " of " + outcome.run().campaign() + " is paused: "
                    + outcome.message());
            case READY -> out.println("Run " + outcome.run().id() + " of " + outcome.run().campaign() + " is READY: "
                    + outcome.message());
            case CANCELLED -> {
                out.println("Run " + outcome.run().id() + " of " + outcome.run().campaign() + ": " + outcome.message() + ".");
                if (outcome.summary() != null) {
                    printCompleted(out, outcome);
                }
            }
            case COMPLETED -> printCompleted(out, outcome);
        }
        out.flush();
    }

    private static void printCompleted(PrintWriter out, RunOutcome outcome) {
        RunSummary summary = outcome.summary();
        out.printf("%s %d of %s %s in %.1f s%n", summary.dryRun() ? "Dry run" : "Run", summary.runId(),
                summary.campaign(), outcome.result() == RunOutcome.Result.CANCELLED ? "ended" : "completed",
                summary.durationSeconds());
        if (summary.dryRun()) {
            out.println("  nothing was sent: PENDING rows would be sent, REJECTED rows would not");
        }
        out.printf("  rows in: %s, accounted for: %d%s%n", summary.rowsIn(), summary.rowsAccountedFor(),
                summary.complete() ? "" : "  (MISMATCH)");
        StringBuilder states = new StringBuilder("  ");
        for (Map.Entry<String, Long> state : summary.states().entrySet()) {
            if (state.getValue() > 0) {
                states.append(state.getKey()).append(' ').append(state.getValue()).append("  ");
            }
        }
        out.println(states.toString().stripTrailing());
        long accepted = summary.states().getOrDefault("ACCEPTED", 0L);
        if (accepted > 0 && !summary.dryRun()) {
            // Allowed at the end (SPEC section 17): sent, but the provider had not said how it ended by reconcile.timeout.
            out.printf("  %d accepted, final status not yet known: `reconcile %d` later%n", accepted, summary.runId());
        }
        summary.topRejectReasons().forEach((reason, count) -> {
            List<Integer> rows = summary.rowsRejectedFor(reason);
            out.printf("  rejected %d: %s%s%n", count, reason, rows.isEmpty() ? "" : " (" + (count == 1 ? "row " : "rows ")
                    + rows.stream().map(String::valueOf).collect(Collectors.joining(", ")) + (count > rows.size() ? ", ..." : "") + ")");
        });
        if (!summary.topRejectReasons().isEmpty()) {
            out.println("  every rejected row and its reason: " + outcome.reportDirectory().resolve("rejected.csv"));
        }
        out.println("Report: " + outcome.reportDirectory());
    }
}
