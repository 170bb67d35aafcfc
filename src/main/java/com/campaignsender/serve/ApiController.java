package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.report.ReportWriter;
import com.campaignsender.send.CampaignRunner;

/**
 * The service's JSON API (SPEC section 11): campaigns, runs, their report files, and the upload
 * of a recipient list, which starts a run. An uploaded list is streamed to a file named by us,
 * never by the uploader, and checked before anything is started.
 */
@RestController
class ApiController {

    private static final Set<String> REPORT_FILES = Set.of("recipients.csv", "rejected.csv", "discrepancies.csv",
            "summary.json", "report.html");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final CampaignCatalog catalog;
    private final CampaignRuns runs;
    private final RecipientLedger ledger;
    private final CampaignRunner runner;
    private final RunLauncher launcher;
    private final ReportWriter reports;
    private final ServerSettings settings;
    private final Clock clock;

    ApiController(CampaignCatalog catalog, CampaignRuns runs, RecipientLedger ledger, CampaignRunner runner,
            RunLauncher launcher, ReportWriter reports, ServerSettings settings, Clock clock) {
        this.catalog = catalog;
        this.runs = runs;
        this.ledger = ledger;
        this.runner = runner;
        this.launcher = launcher;
        this.reports = reports;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/api/campaigns")
    List<Map<String, Object>> campaigns() {
        return catalog.campaigns().stream().map(campaign -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", campaign.name());
            body.put("channel", campaign.channel().name().toLowerCase());
            body.put("provider", campaign.provider());
            body.put("sending", launcher.isSending(campaign.name()));
            return body;
        }).toList();
    }

    @GetMapping("/api/runs")
    List<Map<String, Object>> runs(@RequestParam Optional<String> campaign) {
        return runs.list(campaign).stream().map(this::describe).toList();
    }

    @GetMapping("/api/runs/{runId}")
    ResponseEntity<Map<String, Object>> run(@PathVariable long runId) {
        return runs.find(runId).map(run -> ResponseEntity.ok(describe(run)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no run " + runId)));
    }

    @GetMapping("/api/runs/{runId}/files/{file}")
    ResponseEntity<Resource> file(@PathVariable long runId, @PathVariable String file) {
        Optional<CampaignRun> run = runs.find(runId);
        if (run.isEmpty() || !REPORT_FILES.contains(file)) {
            return ResponseEntity.notFound().build();
        }
        Path path = reports.directory(run.get()).resolve(file);
        if (!Files.isRegularFile(path)) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = file.endsWith(".json") ? MediaType.APPLICATION_JSON
                : file.endsWith(".html") ? MediaType.TEXT_HTML : MediaType.parseMediaType("text/csv");
        return ResponseEntity.ok().contentType(type).body(new FileSystemResource(path));
    }

    /** The list as multipart field {@code file}. */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> uploadForm(@PathVariable String name, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return upload(name, in);
        }
    }

    /** The list as a {@code text/csv} body. */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = "text/csv")
    ResponseEntity<Map<String, Object>> uploadBody(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return upload(name, in);
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge() {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(Map.of("error", "the list is larger than campaign.server.upload-limit (" + settings.uploadLimit() + ")"));
    }

    private ResponseEntity<Map<String, Object>> upload(String name, InputStream in) throws IOException {
        Optional<CampaignDefinition> campaign = catalog.find(name);
        if (campaign.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no campaign " + name));
        }
        Path file = settings.uploadsDir().resolve(name)
                .resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".csv");
        Files.createDirectories(file.getParent());
        if (!copyWithin(in, file, settings.uploadLimit().toBytes())) {
            Files.deleteIfExists(file);
            return tooLarge();
        }
        CampaignRunner.PreparedRun prepared;
        try {
            prepared = runner.prepare(campaign.get().file(), Optional.of(file), false);
        }
        catch (InvalidDefinitionException ex) {
            Files.deleteIfExists(file);
            return ResponseEntity.badRequest().body(Map.of("error", "the list was refused; nothing was sent",
                    "problems", ex.problems().stream().map(problem -> problem.replace(file.toString(), "the upload")).toList()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", prepared.run().id());
        if (prepared.alreadyCompleted() != null) {
            body.put("status", "already completed: nothing sent");
            return ResponseEntity.ok(body);
        }
        if (!launcher.launch(prepared)) {
            body.put("status", "refused: the campaign is sending another run");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        body.put("status", "started");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** Copies at most {@code limit} bytes; answers false when there was more. */
    private static boolean copyWithin(InputStream in, Path file, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                copied += read;
                if (copied > limit) {
                    return false;
                }
                out.write(buffer, 0, read);
            }
        }
        return true;
    }

    private Map<String, Object> describe(CampaignRun run) {
        Map<DeliveryState, Long> states = ledger.countByState(run.id());
        long rows = states.values().stream().mapToLong(Long::longValue).sum();
        long open = states.getOrDefault(DeliveryState.PENDING, 0L) + states.getOrDefault(DeliveryState.SENDING, 0L);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run.id());
        body.put("campaign", run.campaign());
        body.put("status", run.status().name());
        body.put("dryRun", run.dryRun());
        body.put("createdAt", run.createdAt().toString());
        body.put("finishedAt", run.finishedAt().map(Object::toString).orElse(null));
        body.put("rowsIn", run.rowsIn().orElse(null));
        body.put("rowsAccountedFor", rows);
        body.put("states", states);
        body.put("progress", rows == 0 ? 0.0 : Math.round(1000.0 * (rows - open) / rows) / 1000.0);
        return body;
    }
}
