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
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

/**
 * A recipient list handed over by upload, through the API or the web page: streamed to a file
 * named by us, never by the uploader, checked, and started as a run of the campaign.
 */
@Component
class UploadedLists {

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

    /** This campaign completed (or cancelled) this very list before, or its run of it is paused. */
    record AlreadySent(CampaignRun run, RunOutcome outcome) implements OfRun {

        @Override
        public String message() {
            return outcome.result() == RunOutcome.Result.PAUSED ? outcome.message() : "already completed: " + outcome.message();
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

    UploadedLists(CampaignCatalog catalog, CampaignRunner runner, RunLauncher launcher, ServerSettings settings,
            Clock clock) {
        this.catalog = catalog;
        this.runner = runner;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes the list of {@code campaign} from {@code in}; {@code via} names the door it came through, for the run's record. */
    Result accept(String campaign, InputStream in, String via) throws IOException {
        Optional<CampaignDefinition> definition = catalog.find(campaign);
        if (definition.isEmpty()) {
            return new NoSuchCampaign(campaign);
        }
        Path file = settings.uploadsDir().resolve(campaign)
                .resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".csv");
        Files.createDirectories(file.getParent());
        if (!copyWithin(in, file, settings.uploadLimit().toBytes())) {
            Files.deleteIfExists(file);
            return new TooLarge(settings.uploadLimit());
        }
        CampaignRunner.PreparedRun prepared;
        try {
            prepared = runner.prepare(definition.get().file(), Optional.of(file), false);
        }
        catch (InvalidDefinitionException ex) {
            Files.deleteIfExists(file);
            return new Refused(ex.problems().stream().map(problem -> problem.replace(file.toString(), "the upload")).toList());
        }
        if (prepared.nothingToDo() != null) {
            return new AlreadySent(prepared.run(), prepared.nothingToDo());
        }
        Optional<String> refusal = launcher.launch(prepared, via);
        return refusal.<Result>map(reason -> new Busy(prepared.run(), reason)).orElseGet(() -> new Started(prepared.run()));
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
