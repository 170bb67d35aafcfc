package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.RunRefusals;
import com.campaignsender.report.ReportWriter;

/** The runs as the API and the web page show them, newest first, and their report files. */
@Component
class RunViews {

    /** The report files (SPEC section 8) that may be fetched; no other name reaches the file system. */
    static final List<String> REPORT_FILES = List.of("report.html", "recipients.csv", "rejected.csv",
            "discrepancies.csv", "summary.json");

    private final CampaignRuns runs;
    private final RecipientLedger ledger;
    private final RunRefusals refusals;
    private final ReportWriter reports;

    RunViews(CampaignRuns runs, RecipientLedger ledger, RunRefusals refusals, ReportWriter reports) {
        this.runs = runs;
        this.ledger = ledger;
        this.refusals = refusals;
        this.reports = reports;
    }

    List<RunView> list(Optional<String> campaign) {
        return runs.list(campaign).stream().sorted(Comparator.comparingLong(CampaignRun::id).reversed()).map(this::view)
                .toList();
    }

    Optional<RunView> find(long runId) {
        return runs.find(runId).map(this::view);
    }

    /** The report file of the run, if the name is one of {@link #REPORT_FILES} and the file exists. */
    Optional<Path> reportFile(long runId, String file) {
        if (!REPORT_FILES.contains(file)) {
            return Optional.empty();
        }
        return runs.find(runId).map(run -> reports.directory(run).resolve(file)).filter(Files::isRegularFile);
    }

    private RunView view(CampaignRun run) {
        Map<DeliveryState, Long> states = ledger.countByState(run.id());
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        long open = states.getOrDefault(DeliveryState.PENDING, 0L) + states.getOrDefault(DeliveryState.SENDING, 0L);
        Path directory = reports.directory(run);
        return new RunView(run.id(), run.campaign(), run.status(), run.dryRun(), run.createdAt(),
                run.finishedAt().orElse(null), run.rowsIn().orElse(null), rows, states,
                rows == 0 ? 0.0 : Math.round(1000.0 * (rows - open) / rows) / 1000.0, refusals.of(run.id()),
                REPORT_FILES.stream().filter(file -> Files.isRegularFile(directory.resolve(file))).toList());
    }
}
