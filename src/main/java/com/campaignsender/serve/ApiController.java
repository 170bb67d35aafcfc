package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

/**
 * The service's JSON API (SPEC section 11): campaigns, runs, their report files, and the upload
 * of a recipient list, which starts a run ({@link UploadedLists}).
 */
@RestController
class ApiController {

    private final CampaignCatalog catalog;
    private final RunViews runs;
    private final UploadedLists uploads;
    private final RunLauncher launcher;
    private final ServerSettings settings;

    ApiController(CampaignCatalog catalog, RunViews runs, UploadedLists uploads, RunLauncher launcher,
            ServerSettings settings) {
        this.catalog = catalog;
        this.runs = runs;
        this.uploads = uploads;
        this.launcher = launcher;
        this.settings = settings;
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

    /** Newest first; a run whose start was refused shows status REFUSED and, like any run, its {@code refusals}. */
    @GetMapping("/api/runs")
    List<RunView> runs(@RequestParam Optional<String> campaign) {
        return runs.list(campaign);
    }

    @GetMapping("/api/runs/{runId}")
    ResponseEntity<?> run(@PathVariable long runId) {
        return runs.find(runId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no run " + runId)));
    }

    @GetMapping("/api/runs/{runId}/files/{file}")
    ResponseEntity<Resource> file(@PathVariable long runId, @PathVariable String file) {
        return reportFile(runs, runId, file);
    }

    /** A report file with its content type, or 404: shared with the web page. */
    static ResponseEntity<Resource> reportFile(RunViews runs, long runId, String file) {
        Optional<Path> path = runs.reportFile(runId, file);
        if (path.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = file.endsWith(".json") ? MediaType.APPLICATION_JSON
                : file.endsWith(".html") ? MediaType.TEXT_HTML : MediaType.parseMediaType("text/csv");
        return ResponseEntity.ok().contentType(type).body(new FileSystemResource(path.get()));
    }

    /** The list as multipart field {@code file}. */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> uploadForm(@PathVariable String name, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return answer(uploads.accept(name, in, "an upload through the API"));
        }
    }

    /** The list as a {@code text/csv} body. */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = "text/csv")
    ResponseEntity<Map<String, Object>> uploadBody(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return answer(uploads.accept(name, in, "an upload through the API"));
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge() {
        return answer(new UploadedLists.TooLarge(settings.uploadLimit().toString()));
    }

    private static ResponseEntity<Map<String, Object>> answer(UploadedLists.Result result) {
        Map<String, Object> body = new LinkedHashMap<>();
        HttpStatus status;
        if (result instanceof UploadedLists.Started started) {
            body.put("runId", started.run().id());
            body.put("status", "started");
            status = HttpStatus.ACCEPTED;
        }
        else if (result instanceof UploadedLists.AlreadySent sent) {
            body.put("runId", sent.run().id());
            body.put("status", sent.message());
            status = HttpStatus.OK;
        }
        else if (result instanceof UploadedLists.Busy busy) {
            body.put("runId", busy.run().id());
            body.put("status", busy.message());
            status = HttpStatus.CONFLICT;
        }
        else {
            body.put("error", result.message());
            if (result instanceof UploadedLists.Refused refused) {
                body.put("problems", refused.problems());
            }
            status = result instanceof UploadedLists.NoSuchCampaign ? HttpStatus.NOT_FOUND
                    : result instanceof UploadedLists.TooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        }
        return ResponseEntity.status(status).body(body);
    }
}
