package com.campaignsender.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.opencsv.CSVWriter;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.RunSnapshots;
import com.campaignsender.metrics.CampaignMeters;
import com.campaignsender.metrics.MeterReading;
import com.campaignsender.reconcile.Discrepancy;

/**
 * Report step: writes {@code reports/<campaign>/<run-id>/} from the ledger in one streaming pass:
 * {@code recipients.csv} (every input row, in input order), {@code rejected.csv} (the rejected
 * rows with their reason and original fields), {@code discrepancies.csv} (where the provider's
 * record and ours disagree), {@code summary.json} and {@code report.html}.
 */
@Component
public class ReportWriter {

    /** The files of a run's report, the page last (SPEC section 8): the only names served of a report's folder. */
    public static final List<String> FILES = List.of("report.html", "recipients.csv", "rejected.csv",
            "discrepancies.csv", "summary.json");
    static final String[] RECIPIENTS_HEADER = { "row", "address", "state", "provider", "provider_message_id",
            "provider_status", "attempts", "segments", "error", "updated_at" };
    static final String[] DISCREPANCIES_HEADER = { "row", "address", "kind", "description", "our_message_id",
            "provider_message_id", "provider_status" };
    private static final int TOP_REASONS = 10;
    /** Rows named per reason in the summary: enough to open one, the rest are in rejected.csv. */
    private static final int ROWS_SHOWN = 5;
    /** The rows the provider did not deliver that report.html lists; the rest are in recipients.csv. */
    private static final int PROBLEM_ROWS_SHOWN = 500;
    /** States that are a problem even when the provider gave no reason but its status. */
    private static final Set<DeliveryState> PROBLEMS = EnumSet.of(DeliveryState.BOUNCED, DeliveryState.FAILED,
            DeliveryState.EXPIRED, DeliveryState.IN_DOUBT, DeliveryState.UNKNOWN);

    private final LedgerReadings ledger;
    private final RunSnapshots snapshots;
    private final ReportSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final CampaignMeters meters;

    public ReportWriter(LedgerReadings ledger, ReportSettings settings, JsonMapper json, Clock clock, CampaignMeters meters,
            RunSnapshots snapshots) {
        this.ledger = ledger;
        this.snapshots = snapshots;
        this.meters = meters;
        this.settings = settings;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.clock = clock;
    }

    public Path directory(CampaignRun run) {
        return settings.dir().resolve(run.campaign()).resolve(String.valueOf(run.id()));
    }

    public RunSummary write(CampaignRun run, List<Discrepancy> discrepancies) {
        Path dir = directory(run);
        Tally tally = new Tally();
        try {
            Files.createDirectories(dir);
            try (ICSVWriter recipients = csv(dir.resolve("recipients.csv"));
                    ICSVWriter rejected = csv(dir.resolve("rejected.csv"))) {
                recipients.writeNext(RECIPIENTS_HEADER, false);
                List<String> rejectedHeader = new ArrayList<>(List.of("row", "reason"));
                rejectedHeader.addAll(run.columns());
                // The list's own column names are the list's data: neutralised like every cell.
                rejected.writeNext(CsvCells.neutralise(rejectedHeader.toArray(String[]::new)), false);
                ledger.forEachRow(run.id(), line -> {
                    tally.add(line);
                    recipients.writeNext(CsvCells.neutralise(recipientCells(line)), false);
                    if (line.state() == DeliveryState.REJECTED) {
                        rejected.writeNext(CsvCells.neutralise(rejectedCells(line, run.columns())), false);
                    }
                });
            }
            try (ICSVWriter csv = csv(dir.resolve("discrepancies.csv"))) {
                csv.writeNext(DISCREPANCIES_HEADER, false);
                discrepancies.forEach(d -> csv.writeNext(CsvCells.neutralise(String.valueOf(d.row()), d.address(),
                        d.kind().name(), d.kind().description(), d.ourMessageId(), d.providerMessageId(),
                        d.providerStatus()), false));
            }
            RunSummary summary = tally.summary(run, snapshots.digest(run.id()).orElse(null), clock.instant(),
                    discrepancies, readings(run, dir.resolve("summary.json")));
            json.writeValue(dir.resolve("summary.json").toFile(), summary);
            meters.forget(run.id());
            ReportPage.write(dir.resolve("report.html"), summary, tally.topErrors(), tally.sent, tally.problemRows,
                    discrepancies);
            return summary;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write the report to " + dir, ex);
        }
    }

    /**
     * What this process measured of the run's sending; when it sent nothing of it (a later
     * {@code reconcile} writes the report again), what the report before kept.
     */
    private List<MeterReading> readings(CampaignRun run, Path summary) {
        List<MeterReading> readings = meters.readingsOf(run.id());
        return readings.isEmpty() && Files.exists(summary) ? readSummary(run).metrics() : readings;
    }

    /** Whether the run's report is written: the report page is the last file the report step writes. */
    public boolean written(CampaignRun run) {
        return Files.isRegularFile(directory(run).resolve("report.html"));
    }

    /** The summary the report step wrote for this run. */
    public RunSummary readSummary(CampaignRun run) {
        return json.readValue(directory(run).resolve("summary.json").toFile(), RunSummary.class);
    }

    private static ICSVWriter csv(Path file) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVWriterBuilder(writer).withLineEnd(CSVWriter.DEFAULT_LINE_END).build();
    }

    private static String[] recipientCells(LedgerLine line) {
        return new String[] { String.valueOf(line.row()), line.address(), line.state().name(), line.provider(),
                line.providerMessageId(), line.providerStatus(), String.valueOf(line.attempts()),
                line.segments() == null ? "" : String.valueOf(line.segments()),
                RowReasons.reason(line.state(), line.providerStatus(), line.error()),
                line.updatedAt().toString() };
    }

    private static String[] rejectedCells(LedgerLine line, List<String> columns) {
        List<String> cells = new ArrayList<>(List.of(String.valueOf(line.row()), line.error()));
        columns.forEach(column -> cells.add(line.fields().getOrDefault(column, "")));
        return cells.toArray(String[]::new);
    }

    /** Counts gathered while the rows stream past. */
    private static final class Tally {

        private final Map<DeliveryState, Long> states = new EnumMap<>(DeliveryState.class);
        /** Rows with a problem, by "STATE: reason"; the reject reasons are those of REJECTED. */
        private final Map<String, Long> errors = new HashMap<>();
        /** The first few rows of each of those, for a person to look at without opening the report. */
        private final Map<String, List<Integer>> firstRows = new HashMap<>();
        private final SendingTimeline sent = new SendingTimeline();
        private final ReportPage.ProblemRows problemRows = new ReportPage.ProblemRows(PROBLEM_ROWS_SHOWN);
        /** Messages by the process that sent them: a cluster's workers. */
        private final Map<String, Long> workers = new TreeMap<>();
        private long rows;
        private long attempts;
        private long messages;
        private long segments;

        void add(LedgerLine line) {
            rows++;
            states.merge(line.state(), 1L, Long::sum);
            attempts += line.attempts();
            segments += line.segments() == null ? 0 : line.segments();
            messages += line.attempts() > 0 ? 1 : 0;
            String reason = line.error() != null ? line.groupedError() : PROBLEMS.contains(line.state())
                    ? RowReasons.reason(line.state(), line.providerStatus(), null) : null;
            if (reason != null) {
                errors.merge(line.state() + ": " + reason, 1L, Long::sum);
                List<Integer> first = firstRows.computeIfAbsent(line.state() + ": " + reason, key -> new ArrayList<>());
                if (first.size() < ROWS_SHOWN) {
                    first.add(line.row());
                }
            }
            if (PROBLEMS.contains(line.state())) {
                problemRows.add(line);
            }
            if (line.sentAt() != null) {
                sent.add(line.sentAt());
            }
            if (line.sentBy() != null) {
                workers.merge(line.sentBy(), 1L, Long::sum);
            }
        }

        Map<String, Long> topErrors() {
            return top(errors);
        }

        private static Map<String, Long> top(Map<String, Long> counts) {
            Map<String, Long> top = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_REASONS)
                    .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
            return top;
        }

        RunSummary summary(CampaignRun run, String snapshotSha256, Instant now, List<Discrepancy> discrepancies,
                List<MeterReading> metrics) {
            Map<String, Long> stateNames = new LinkedHashMap<>();
            for (DeliveryState state : DeliveryState.values()) {
                stateNames.put(state.name(), states.getOrDefault(state, 0L));
            }
            String rejected = DeliveryState.REJECTED + ": ";
            Map<String, Long> topReasons = top(errors.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(rejected))
                    .collect(Collectors.toMap(entry -> entry.getKey().substring(rejected.length()), Map.Entry::getValue)));
            Map<String, Long> discrepancyCounts = new LinkedHashMap<>();
            for (Discrepancy.Kind kind : Discrepancy.Kind.values()) {
                discrepancyCounts.put(kind.name(), discrepancies.stream().filter(d -> d.kind() == kind).count());
            }
            double seconds = Duration.between(run.createdAt(), now).toMillis() / 1000.0;
            double sending = run.sending().toMillis() / 1000.0;
            return new RunSummary(run.id(), run.campaign(), run.dryRun(), run.recipientsFile().toString(), run.recipientsSha256(),
                    snapshotSha256, run.rowsIn().orElse(null), rows, stateNames, attempts, Math.max(0, attempts - messages),
                    run.rateLimited(), segments, run.createdAt(), now, seconds, sending,
                    sending > 0 ? Math.round(attempts / sending * 10) / 10.0 : 0, topReasons,
                    topReasons.keySet().stream().collect(Collectors.toMap(reason -> reason,
                            reason -> firstRows.get(rejected + reason), (a, b) -> a, LinkedHashMap::new)),
                    discrepancyCounts, workers, metrics);
        }
    }
}
