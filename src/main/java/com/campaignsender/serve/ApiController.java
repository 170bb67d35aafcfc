package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.operate.RunControls;
import com.campaignsender.operate.ProofSender;

/**
 * The service's JSON API (SPEC sections 11 and 13): campaigns, runs, their report files, the
 * upload of a recipient list, which starts a run ({@link UploadedLists}), run control, and test sends.
 */
@RestController
@ServeOnly
class ApiController {

    private final ServiceViews views;
    private final UploadedLists uploads;
    private final ServedRunControls controls;
    private final CampaignCatalog catalog;
    private final ProofSender proofs;
    private final RecipientLookup recipients;

    ApiController(ServiceViews views, UploadedLists uploads, ServedRunControls controls, CampaignCatalog catalog,
            ProofSender proofs, RecipientLookup recipients) {
        this.recipients = recipients;
        this.views = views;
        this.uploads = uploads;
        this.controls = controls;
        this.catalog = catalog;
        this.proofs = proofs;
    }

    /** A test send's request: the addresses, and how many of the list's first rows (default 1). */
    record TestRequest(List<String> to, Integer rows) {
    }

    /**
     * A test send of the campaign's own list (SPEC section 16): 200 with each message and the
     * provider's answer; 400 for a test address that is not one, 404 for no such campaign.
     */
    @PostMapping(path = "/api/campaigns/{name}/test", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> test(@PathVariable String name, @RequestBody TestRequest request) throws Exception {
        Optional<CampaignDefinition> campaign = catalog.find(name);
        if (campaign.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no campaign " + name));
        }
        try {
            ProofSender.Result test = proofs.send(campaign.get().file(), Optional.empty(),
                    request.to() == null ? List.of() : request.to(), request.rows() == null ? 1 : request.rows());
            return ResponseEntity.ok(Map.of("campaign", name, "sent", test.sent(), "accepted", test.accepted(),
                    "skipped", test.skipped()));
        }
        catch (IllegalArgumentException | InvalidDefinitionException ex) {
            return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
        }
    }

    @GetMapping("/api/campaigns")
    List<CampaignView> campaigns() {
        return views.campaigns();
    }

    /** Newest first; a run whose start was refused shows status REFUSED and, like any run, its {@code refusals}. */
    @GetMapping("/api/runs")
    List<RunView> runs(@RequestParam Optional<String> campaign) {
        return views.runs(campaign);
    }

    @GetMapping("/api/runs/{runId}")
    ResponseEntity<?> run(@PathVariable long runId) {
        return views.run(runId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no run " + runId)));
    }

    /**
     * {@code action}: pause, resume or cancel (SPEC section 13), or start: the Send of a READY run
     * after its review (section 22); the answer carries the run's status now.
     */
    @PostMapping("/api/runs/{runId}/{action:pause|resume|cancel|start}")
    ResponseEntity<Map<String, Object>> control(@PathVariable long runId, @PathVariable String action)
            throws InterruptedException {
        Optional<ServedRunControls.Result> result = controls.ask(runId,
                RunControls.Action.valueOf(action.toUpperCase(Locale.ROOT)), "a " + action + " through the API");
        if (result.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no run " + runId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("status", result.get().run().status());
        body.put(result.get().status() == HttpStatus.CONFLICT ? "error" : "message", result.get().message());
        return ResponseEntity.status(result.get().status()).body(body);
    }

    /** Every run that had the address, and its suppression (SPEC section 22); 400 without an address. */
    @GetMapping("/api/recipients")
    ResponseEntity<?> recipient(@RequestParam Optional<String> address) {
        if (address.filter(typed -> !typed.isBlank()).isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "say which recipient: /api/recipients?address=jane@example.com"));
        }
        return ResponseEntity.ok(recipients.find(address.get()));
    }

    @GetMapping("/api/runs/{runId}/files/{file}")
    ResponseEntity<Resource> file(@PathVariable long runId, @PathVariable String file) {
        return views.reportFile(runId, file);
    }

    /** The list as multipart field {@code file}. */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> uploadForm(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        Optional<UploadedLists.Result> result;
        try {
            result = MultipartLists.read(request,
                    (list, fileName) -> uploads.accept(name, list, fileName, false, "an upload through the API"));
        }
        catch (MultipartLists.Unreadable ex) {
            return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
        }
        return result.map(ApiController::answer).orElseGet(() -> ResponseEntity.badRequest().body(Map.of("error",
                "no multipart field 'file': send the list as file, for example curl -F file=@list.csv")));
    }

    /**
     * The list as a {@code text/csv} body; its name, if the client gives one, in
     * {@code Content-Disposition: attachment; filename="march.csv"} (curl: {@code -H}).
     */
    @PostMapping(path = "/api/campaigns/{name}/recipients", consumes = "text/csv")
    ResponseEntity<Map<String, Object>> uploadBody(@PathVariable String name, HttpServletRequest request)
            throws IOException {
        try (InputStream in = request.getInputStream()) {
            return answer(uploads.accept(name, in, fileName(request.getHeader(HttpHeaders.CONTENT_DISPOSITION)), false,
                    "an upload through the API"));
        }
    }

    /** The file name a Content-Disposition header gives; none when it gives none, or is not one. */
    private static String fileName(String disposition) {
        try {
            return disposition == null ? null : ContentDisposition.parse(disposition).getFilename();
        }
        catch (IllegalArgumentException notADisposition) {
            return null;
        }
    }

    /** The answer to an upload: the run's id and status, or the error and, for a refused list, its problems. */
    static ResponseEntity<Map<String, Object>> answer(UploadedLists.Result result) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (result instanceof UploadedLists.OfRun ofRun) {
            body.put("runId", ofRun.run().id());
            body.put("status", result instanceof UploadedLists.Started ? "started"
                    : result instanceof UploadedLists.HeldForReview ? "ready for review" : result.message());
        }
        else {
            body.put("error", result.message());
            if (result instanceof UploadedLists.Refused refused) {
                body.put("problems", refused.problems());
            }
        }
        return ResponseEntity.status(result.status()).body(body);
    }
}
