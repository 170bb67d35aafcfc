package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RunSnapshots;
import com.campaignsender.ledger.RunRefusals;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.operate.CampaignRunner;

/** The campaigns and runs as the API and the web page show them (runs newest first), and the runs' report files. */
@Component
class ServiceViews {

    /** The report files (SPEC section 8) that may be fetched; no other name reaches the file system. */
    static final List<String> REPORT_FILES = List.of("report.html", "recipients.csv", "rejected.csv",
            "discrepancies.csv", "summary.json");

    private final CampaignCatalog catalog;
    private final RunSnapshots snapshots;
    private final RunLauncher launcher;
    private final CampaignRuns runs;
    private final LedgerReadings ledger;
    private final RunRefusals refusals;
    private final ReportWriter reports;
    private final CampaignRunner runner;
    private final ProviderAccounts accounts;

    ServiceViews(CampaignCatalog catalog, RunLauncher launcher, CampaignRuns runs, LedgerReadings ledger,
            RunRefusals refusals, ReportWriter reports, CampaignRunner runner, ProviderAccounts accounts,
            RunSnapshots snapshots) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.launcher = launcher;
        this.runs = runs;
        this.ledger = ledger;
        this.refusals = refusals;
        this.reports = reports;
        this.runner = runner;
        this.accounts = accounts;
    }

    /** A campaign is sending when this service sends it, or another live process holds its lock. */
    List<CampaignView> campaigns() {
        return catalog.campaigns().stream().map(campaign -> CampaignView.of(campaign,
                launcher.isSending(campaign.name()) || runner.sendingElsewhere(campaign.name()).isPresent())).toList();
    }

    List<RunView> runs(Optional<String> campaign) {
        return runs.list(campaign).stream().map(this::view)
                .toList();
    }

    Optional<RunView> run(long runId) {
        return runs.find(runId).map(this::view);
    }

    /**
     * A report file of the run with its content type, or 404: only the names of {@link #REPORT_FILES}
     * reach the file system.
     */
    ResponseEntity<Resource> reportFile(long runId, String file) {
        Optional<Path> path = REPORT_FILES.contains(file)
                ? runs.find(runId).map(run -> reports.directory(run).resolve(file)).filter(Files::isRegularFile)
                : Optional.empty();
        if (path.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = file.endsWith(".json") ? MediaType.APPLICATION_JSON
                : file.endsWith(".html") ? MediaType.TEXT_HTML : MediaType.parseMediaType("text/csv");
        return ResponseEntity.ok().contentType(type).body(new FileSystemResource(path.get()));
    }

    private RunView view(CampaignRun run) {
        Map<DeliveryState, Long> states = ledger.countByState(run.id());
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        long open = states.getOrDefault(DeliveryState.PENDING, 0L) + states.getOrDefault(DeliveryState.SENDING, 0L);
        Path directory = reports.directory(run);
        return new RunView(run.id(), run.campaign(), run.status(), run.dryRun(), run.createdAt(),
                run.finishedAt().orElse(null), run.rowsIn().orElse(null), rows, states,
                rows == 0 ? 0.0 : Math.round(1000.0 * (rows - open) / rows) / 1000.0, refusals.of(run.id()),
                REPORT_FILES.stream().filter(file -> Files.isRegularFile(directory.resolve(file))).toList(),
                runs.control(run.id()).orElse(null), run.status() == RunStatus.RUNNING ? held(run) : null,
                run.waiting().map(CampaignRun.Waiting::rows).orElse(null),
                run.waiting().map(CampaignRun.Waiting::until).orElse(null), snapshots.digest(run.id()).orElse(null));
    }

    /** What holds the run's sending back, as this process knows it: its provider account unavailable. */
    private String held(CampaignRun run) {
        return catalog.find(run.campaign()).flatMap(campaign -> accounts.find(campaign.provider()))
                .flatMap(ProviderAccount::unavailable).map(ProviderAccount.Unavailable::describe).orElse(null);
    }
}
