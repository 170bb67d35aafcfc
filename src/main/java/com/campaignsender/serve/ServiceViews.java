package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import com.campaignsender.report.RowReasons;
import com.campaignsender.operate.CampaignRunner;

/** The campaigns and runs as the API and the web page show them (runs newest first), and the runs' report files. */
@Component
class ServiceViews {

    /** The states of rows not sent (yet, or ever): a run's pace counts the others. */
    private static final Set<DeliveryState> UNSENT = EnumSet.of(DeliveryState.PENDING, DeliveryState.REJECTED,
            DeliveryState.CANCELLED);

    private final CampaignCatalog catalog;
    private final RunSnapshots snapshots;
    private final RunLauncher launcher;
    private final CampaignRuns runs;
    private final LedgerReadings ledger;
    private final RunRefusals refusals;
    private final ReportWriter reports;
    private final CampaignRunner runner;
    private final ProviderAccounts accounts;
    private final Clock clock;
    private final RunReview reviews;

    ServiceViews(CampaignCatalog catalog, RunLauncher launcher, CampaignRuns runs, LedgerReadings ledger,
            RunRefusals refusals, ReportWriter reports, CampaignRunner runner, ProviderAccounts accounts,
            RunSnapshots snapshots, Clock clock, RunReview reviews) {
        this.clock = clock;
        this.reviews = reviews;
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
     * A report file of the run with its content type, or 404: only the names of {@link ReportWriter#FILES}
     * reach the file system.
     */
    ResponseEntity<Resource> reportFile(long runId, String file) {
        Optional<Path> path = ReportWriter.FILES.contains(file)
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
        Optional<Double> pace = pace(run, states);
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        long open = states.getOrDefault(DeliveryState.PENDING, 0L) + states.getOrDefault(DeliveryState.SENDING, 0L);
        Path directory = reports.directory(run);
        return new RunView(run.id(), run.campaign(), run.recipientsFile().getFileName().toString(), run.status(),
                run.dryRun(), run.createdAt(),
                run.finishedAt().orElse(null), run.rowsIn().orElse(null), rows, states,
                rows == 0 ? 0.0 : Math.round(1000.0 * (rows - open) / rows) / 1000.0, refusals.of(run.id()),
                ReportWriter.FILES.stream().filter(file -> Files.isRegularFile(directory.resolve(file))).toList(),
                runs.control(run.id()).orElse(null), run.status() == RunStatus.RUNNING ? held(run) : null,
                run.waiting().map(CampaignRun.Waiting::rows).orElse(null),
                run.waiting().map(CampaignRun.Waiting::until).orElse(null), snapshots.digest(run.id()).orElse(null),
                pace.orElse(null), pace.flatMap(rate -> secondsLeft(states, rate)).orElse(null));
    }

    /** Rows sent per second since the run was created, while it sends (a dry run sends nothing). */
    private Optional<Double> pace(CampaignRun run, Map<DeliveryState, Long> states) {
        if (run.status() != RunStatus.RUNNING || run.dryRun()) {
            return Optional.empty();
        }
        long sent = states.entrySet().stream().filter(state -> !UNSENT.contains(state.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double seconds = Math.max(1, Duration.between(run.createdAt(), clock.instant()).toMillis()) / 1000.0;
        return Optional.of(Math.round(sent / seconds * 10) / 10.0);
    }

    private static Optional<Long> secondsLeft(Map<DeliveryState, Long> states, double rate) {
        long left = states.getOrDefault(DeliveryState.PENDING, 0L);
        return rate > 0 ? Optional.of(Math.round(left / rate)) : Optional.empty();
    }

    /** The list file a run was started with. */
    Optional<Path> listOf(long runId) {
        return runs.find(runId).map(CampaignRun::recipientsFile);
    }

    /** The review of a READY run: its first messages rendered and, for SMS, its segments and cost. */
    Optional<RunReview.Review> review(long runId) throws Exception {
        Optional<CampaignRun> run = runs.find(runId).filter(found -> found.status() == RunStatus.READY);
        return run.isEmpty() ? Optional.empty() : Optional.of(reviews.of(run.get()));
    }

    /**
     * One page of a run's rows for its page (of one state or all), each with its reason in words,
     * and the run's commonest reasons with the next step for each.
     */
    RunRows rows(long runId, Optional<DeliveryState> state, int page) {
        List<RunRows.Row> rows = ledger.page(runId, state, page * RunRows.PAGE, RunRows.PAGE + 1).stream()
                .map(line -> new RunRows.Row(line.row(), line.address(), line.state(), line.providerMessageId(),
                        RowReasons.reason(line.state(), line.providerStatus(), line.error()), line.updatedAt()))
                .toList();
        List<RunRows.Reason> reasons = ledger.topReasons(runId, RunRows.REASONS).stream()
                .map(reason -> new RunRows.Reason(reason.state(),
                        RowReasons.reason(reason.state(), reason.providerStatus(), reason.reason()), reason.rows(),
                        RowReasons.nextStep(reason.state())))
                .toList();
        return new RunRows(state.orElse(null), page, rows.subList(0, Math.min(rows.size(), RunRows.PAGE)),
                rows.size() > RunRows.PAGE, reasons);
    }

    /** What holds the run's sending back, as this process knows it: its provider account unavailable. */
    private String held(CampaignRun run) {
        return catalog.find(run.campaign()).flatMap(campaign -> accounts.find(campaign.provider()))
                .flatMap(ProviderAccount::unavailable).map(ProviderAccount.Unavailable::describe).orElse(null);
    }
}
