package com.campaignsender.serve;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.operate.RunControls;
import com.campaignsender.operate.ProofSender;
import com.campaignsender.report.ReportWriter;

/**
 * The web page at {@code /} (SPEC section 11): the campaigns with an upload form each, the runs
 * with their progress, a page per run that follows it to the end, and the report files. Plain
 * server-rendered HTML; it works without JavaScript (a run's page reloads itself while it runs).
 */
@Controller
@ServeOnly
class PageController {

    private static final int RUNS_SHOWN = 50;

    private final ServiceViews views;
    private final UploadedLists uploads;
    private final boolean loginRequired;
    private final ServedRunControls controls;
    private final CampaignCatalog catalog;
    private final ProofSender proofs;
    private final RecipientLookup recipients;

    PageController(ServiceViews views, UploadedLists uploads, ServerSettings settings, ServedRunControls controls,
            CampaignCatalog catalog, ProofSender proofs, RecipientLookup recipients) {
        this.views = views;
        this.recipients = recipients;
        this.uploads = uploads;
        this.loginRequired = settings.token() != null && !settings.token().isBlank();
        this.controls = controls;
        this.catalog = catalog;
        this.proofs = proofs;
    }

    @GetMapping("/")
    ResponseEntity<String> index(HttpServletRequest request) throws IOException {
        return index(request, HttpStatus.OK, null, List.of());
    }

    /** A run, and a page of its rows: {@code ?state=BOUNCED} those of one state, {@code &page=2} the third 50. */
    @GetMapping("/runs/{runId}")
    ResponseEntity<String> run(@PathVariable long runId, @RequestParam Optional<String> state,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request) throws Exception {
        Optional<RunView> run = views.run(runId);
        if (run.isEmpty()) {
            return index(request, HttpStatus.NOT_FOUND, "There is no run " + runId + ".", List.of());
        }
        Optional<DeliveryState> shown = state.filter(name -> !name.isBlank())
                .flatMap(name -> Arrays.stream(DeliveryState.values()).filter(s -> s.name().equalsIgnoreCase(name)).findFirst());
        Map<String, Object> model = model(request);
        model.put("run", run.get());
        model.put("rows", views.rows(runId, shown, Math.max(0, page)));
        views.review(runId).ifPresent(review -> model.put("review", review));
        model.put("states", DeliveryState.values());
        return page(HttpStatus.OK, "run.html.ftl", model);
    }

    /** "What happened to jane@example.com?": the search box of every page (SPEC section 22). */
    @GetMapping("/recipients")
    ResponseEntity<String> recipient(@RequestParam Optional<String> address, HttpServletRequest request) throws IOException {
        if (address.filter(typed -> !typed.isBlank()).isEmpty()) {
            return index(request, HttpStatus.BAD_REQUEST, "Type an address to find: an email address or a phone number.",
                    List.of());
        }
        Map<String, Object> model = model(request);
        model.put("found", recipients.find(address.get()));
        model.put("searched", address.get().strip());
        return page(HttpStatus.OK, "recipient.html.ftl", model);
    }

    @GetMapping("/runs/{runId}/files/{file}")
    ResponseEntity<Resource> file(@PathVariable long runId, @PathVariable String file) {
        return views.reportFile(runId, file);
    }

    /**
     * The upload form: a started (or refused) run is shown on its own page; a refused list on the
     * front page, with why. (Its CSRF token travels in the form's address: the body is not read
     * before the request has passed its checks.)
     */
    @PostMapping(path = "/campaigns/{name}/recipients", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<String> upload(@PathVariable String name, HttpServletRequest request) throws IOException {
        Optional<UploadedLists.Result> read;
        try {
            read = MultipartLists.read(request,
                    (list, fileName) -> uploads.accept(name, list, fileName, true, "an upload through the web page"));
        }
        catch (MultipartLists.Unreadable ex) {
            return index(request, HttpStatus.BAD_REQUEST, "The list for " + name + " was not taken: " + ex.getMessage() + ".",
                    List.of());
        }
        if (read.isEmpty()) {
            return index(request, HttpStatus.BAD_REQUEST, "The list for " + name + " was not taken: no file was chosen.",
                    List.of());
        }
        UploadedLists.Result result = read.get();
        if (result instanceof UploadedLists.OfRun ofRun) {
            return seeOther("/runs/" + ofRun.run().id());
        }
        List<String> problems = result instanceof UploadedLists.Refused refused ? refused.problems() : List.of();
        return index(request, result.status(), "The list for " + name + " was not taken: " + result.message() + ".", problems);
    }

    /** The "Send a test" form: the front page says what each test message became; nothing is recorded against the list. */
    @PostMapping("/campaigns/{name}/test")
    ResponseEntity<String> test(@PathVariable String name, @RequestParam("to") String to,
            @RequestParam(name = "rows", defaultValue = "1") int rows, @RequestParam Optional<Long> run,
            HttpServletRequest request) throws Exception {
        Optional<CampaignDefinition> campaign = catalog.find(name);
        if (campaign.isEmpty()) {
            return index(request, HttpStatus.NOT_FOUND, "There is no campaign " + name + ".", List.of());
        }
        ProofSender.Result test;
        try {
            // From a READY run's page: the first rows of that run's list, the one under review.
            test = proofs.send(campaign.get().file(), run.flatMap(views::listOf),
                    Arrays.stream(to.split(",")).map(String::strip).filter(address -> !address.isEmpty()).toList(), rows);
        }
        catch (IllegalArgumentException | InvalidDefinitionException ex) {
            return index(request, HttpStatus.BAD_REQUEST, "No test of " + name + " was sent: " + ex.getMessage() + ".", List.of());
        }
        Map<String, Object> model = frontPage(request);
        model.put("notice", "Test of " + name + ": " + test.accepted() + " of " + test.sent().size()
                + " message(s) accepted, subject prefixed " + ProofSender.SUBJECT_PREFIX.strip()
                + "; nothing was recorded against the list.");
        List<String> lines = new ArrayList<>(test.skipped().stream().map(skipped -> "Skipped " + skipped).toList());
        test.sent().forEach(message -> lines.add("Row " + message.row() + " to " + message.to() + ": "
                + (message.accepted() ? "accepted" : message.outcome().name().toLowerCase(Locale.ROOT) + ", " + message.detail())));
        model.put("lines", lines);
        return page(HttpStatus.OK, "index.html.ftl", model);
    }

    /** The Pause / Resume / Cancel buttons of a run: the run's page shows the outcome, a refusal with why. */
    @PostMapping("/runs/{runId}/{action:pause|resume|cancel|start}")
    ResponseEntity<String> control(@PathVariable long runId, @PathVariable String action, HttpServletRequest request)
            throws IOException, InterruptedException {
        Optional<ServedRunControls.Result> result = controls.ask(runId,
                RunControls.Action.valueOf(action.toUpperCase(Locale.ROOT)), "a " + action + " through the web page");
        if (result.isEmpty()) {
            return index(request, HttpStatus.NOT_FOUND, "There is no run " + runId + ".", List.of());
        }
        if (result.get().status() == HttpStatus.CONFLICT) {
            return index(request, HttpStatus.CONFLICT, "Run " + runId + " was not changed: " + result.get().message() + ".",
                    List.of());
        }
        return seeOther("/runs/" + runId);
    }

    /** The login form (Spring Security takes what it posts); without a token there is nothing to log in to. */
    @GetMapping("/login")
    ResponseEntity<String> loginForm(@RequestParam(name = "error", required = false) String error,
            HttpServletRequest request) throws IOException {
        if (!loginRequired) {
            return seeOther("/");
        }
        Map<String, Object> model = model(request);
        model.put("loginRequired", false);
        model.put("error", error == null ? null : "That is not the service's token.");
        return page(error == null ? HttpStatus.OK : HttpStatus.UNAUTHORIZED, "login.html.ftl", model);
    }

    /** The front page, with a message about the last action (escaped like everything else) when there is one. */
    ResponseEntity<String> index(HttpServletRequest request, HttpStatus status, String error, List<String> problems)
            throws IOException {
        Map<String, Object> model = frontPage(request);
        model.put("error", error);
        model.put("problems", problems);
        return page(status, "index.html.ftl", model);
    }

    private Map<String, Object> frontPage(HttpServletRequest request) {
        Map<String, Object> model = model(request);
        model.put("campaigns", views.campaigns());
        model.put("runs", views.runs(Optional.empty()).stream().limit(RUNS_SHOWN).toList());
        return model;
    }

    private Map<String, Object> model(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("loginRequired", loginRequired);
        // The CSRF token every form of the page carries (Spring Security checks it).
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.put("form", csrf == null ? "" : csrf.getToken());
        model.put("reportFiles", ReportWriter.FILES);
        return model;
    }

    private static ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> model)
            throws IOException {
        return HtmlPages.page(status, template, model);
    }

    private static ResponseEntity<String> seeOther(String path) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }
}
