package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

/**
 * A recipient list handed over by upload, through the API or the web page: streamed to a folder
 * named by us, under the file's own name as the uploader's computer called it (its last segment,
 * of safe characters only: the run, its report and the page name the list so), checked, and
 * started as a run of the campaign.
 */
@Component
class UploadedLists {

    /** The name of a list uploaded without one (a bare text/csv body without Content-Disposition). */
    static final String UNNAMED = "uploaded-list.csv";
    private static final int LONGEST_NAME = 120;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What became of an upload: in a sentence for the uploader, and as the HTTP status that answers it. */
    sealed interface Result {

        String message();

        HttpStatus status();
    }

    /** An upload that became a run (started, refused a start, or completed before). */
    sealed interface OfRun extends Result {

        CampaignRun run();
    }

    record NoSuchCampaign(String name) implements Result {

        @Override
        public String message() {
            return "no campaign " + name;
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.NOT_FOUND;
        }
    }

    /** Larger than {@code campaign.server.upload-limit}; nothing was kept. */
    record TooLarge(DataSize limit) implements Result {

        @Override
        public String message() {
            long bytes = limit.toBytes();
            String size = bytes % (1024 * 1024) == 0 ? limit.toMegabytes() + "MB"
                    : bytes % 1024 == 0 ? limit.toKilobytes() + "KB" : bytes + "B";
            return "the list is larger than campaign.server.upload-limit (" + size + "); nothing was sent";
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.PAYLOAD_TOO_LARGE;
        }
    }

    /** The list or the campaign was refused before anything was recorded. */
    record Refused(List<String> problems) implements Result {

        @Override
        public String message() {
            return "the list was refused; nothing was sent";
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.BAD_REQUEST;
        }
    }

    /** This campaign completed (or cancelled) this very list before, or its run of it is paused or READY for review. */
    record AlreadySent(CampaignRun run, RunOutcome outcome) implements OfRun {

        @Override
        public String message() {
            return outcome.result() == RunOutcome.Result.PAUSED || outcome.result() == RunOutcome.Result.READY
                    ? outcome.message() : "already completed: " + outcome.message();
        }

        @Override
        public HttpStatus status() {
            return outcome.result() == RunOutcome.Result.PAUSED ? HttpStatus.CONFLICT : HttpStatus.OK;
        }
    }

    /** The campaign is sending another run; this one was recorded as refused. */
    record Busy(CampaignRun run, String reason) implements OfRun {

        @Override
        public String message() {
            return "refused: " + reason;
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }
    }

    /** Loading, to wait READY for its review: Send starts it (SPEC section 22). */
    record HeldForReview(CampaignRun run) implements OfRun {

        @Override
        public String message() {
            return "loading for its review as run " + run.id() + "; Send on its page (or POST /api/runs/" + run.id()
                    + "/start) sends it";
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.ACCEPTED;
        }
    }

    record Started(CampaignRun run) implements OfRun {

        @Override
        public String message() {
            return "started as run " + run.id();
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.ACCEPTED;
        }
    }

    private final CampaignCatalog catalog;
    private final CampaignRunner runner;
    private final RunLauncher launcher;
    private final ServerSettings settings;
    private final Clock clock;
    private final CampaignRuns runs;

    UploadedLists(CampaignCatalog catalog, CampaignRunner runner, RunLauncher launcher, ServerSettings settings,
            Clock clock, CampaignRuns runs) {
        this.runs = runs;
        this.catalog = catalog;
        this.runner = runner;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes the list of {@code campaign} from {@code in}; {@code fileName}: its name on the uploader's
     * side, if given; {@code alwaysReview}: the run waits READY for its review whatever the campaign
     * says (the page's uploads), else only when the campaign says {@code review: true}; {@code via}
     * names the door it came through, for the run's record.
     */
    Result accept(String campaign, InputStream in, String fileName, boolean alwaysReview, String via) throws IOException {
        Optional<CampaignDefinition> definition = catalog.find(campaign);
        if (definition.isEmpty()) {
            return new NoSuchCampaign(campaign);
        }
        Path file = settings.uploadsDir().resolve(campaign)
                .resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID()).resolve(safeName(fileName));
        Files.createDirectories(file.getParent());
        if (!copyWithin(in, file, settings.uploadLimit().toBytes())) {
            forget(file);
            return new TooLarge(settings.uploadLimit());
        }
        boolean review = alwaysReview || definition.get().review();
        CampaignRunner.PreparedRun prepared;
        try {
            prepared = runner.prepare(definition.get().file(), Optional.of(file), false, review);
        }
        catch (InvalidDefinitionException ex) {
            forget(file);
            return new Refused(ex.problems().stream().map(problem -> problem.replace(file.toString(), "the upload")).toList());
        }
        if (prepared.nothingToDo() != null) {
            if (!prepared.run().recipientsFile().equals(file)) {
                forget(file); // the list of an earlier upload, which its run keeps
            }
            return new AlreadySent(prepared.run(), prepared.nothingToDo());
        }
        Optional<String> refusal = launcher.launch(prepared, via);
        return refusal.<Result>map(reason -> new Busy(prepared.run(), reason))
                .orElseGet(() -> runs.awaitsReview(prepared.run().id()) ? new HeldForReview(prepared.run())
                        : new Started(prepared.run()));
    }

    /**
     * The uploader's name for the file, as a name of one segment here: its last segment only
     * ({@code C:\\lists\\march.csv}, {@code ../../etc/passwd}), without control characters or
     * characters that file systems refuse, at most {@value #LONGEST_NAME} characters.
     */
    static String safeName(String given) {
        String name = given == null ? "" : given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}<>:\"|?*]", "_").strip();
        if (name.codePointCount(0, name.length()) > LONGEST_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, LONGEST_NAME));
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? UNNAMED : name;
    }

    private static void forget(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
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
}
