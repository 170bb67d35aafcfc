package com.campaignsender.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

/**
 * Inbox folders (SPEC section 11): a campaign whose recipients are {@code inbox: DIR} runs each
 * CSV file dropped there. A file is taken once it is complete: unchanged in size and time for
 * {@code campaign.server.inbox-settle} (a file still being written keeps changing; one renamed
 * into place is complete at once, and files named {@code .part} or {@code .tmp} are never taken).
 * Taken files wait in {@code DIR/processing/} while they run, so a restarted service resumes
 * them instead of taking them again, then go to {@code DIR/processed/}, or to {@code DIR/failed/}
 * with the reason beside them in {@code <name>.error.txt}.
 */
@Component
class InboxWatcher {

    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);

    private final CampaignCatalog catalog;
    private final CampaignRunner runner;
    private final RunLauncher launcher;
    private final Duration settle;
    private final Clock clock;
    private final Map<Path, Sighting> sightings = new ConcurrentHashMap<>();
    /** A run that stopped is resumed from processing/, but not before a minute has passed: a provider outage is not hammered. */
    private final Map<Path, Instant> notBefore = new ConcurrentHashMap<>();
    private static final Duration RESUME_AFTER = Duration.ofMinutes(1);

    private record Sighting(long size, long modified) {
    }

    InboxWatcher(CampaignCatalog catalog, CampaignRunner runner, RunLauncher launcher, ServerSettings settings, Clock clock) {
        this.catalog = catalog;
        this.runner = runner;
        this.launcher = launcher;
        this.settle = settings.inboxSettle();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${campaign.server.inbox-poll:1s}")
    void poll() {
        for (CampaignDefinition campaign : catalog.campaigns()) {
            campaign.recipients().inbox().ifPresent(inbox -> {
                // While the campaign sends, here or in another instance, the files wait their turn.
                refuseOtherKinds(inbox);
                if (!launcher.isSending(campaign.name()) && runner.sendingElsewhere(campaign.name()).isEmpty()) {
                    next(inbox.resolve("processing"))
                            .filter(file -> !clock.instant().isBefore(notBefore.getOrDefault(file, Instant.MIN)))
                            .or(() -> nextComplete(inbox))
                            .ifPresent(file -> take(campaign, inbox, file));
                }
            });
        }
    }

    /**
     * A symbolic link (or a folder, a pipe, a device) named like a list is not taken: whoever can
     * write to the inbox could point a link at a file of the service's own, and its content would
     * be read as a list. It goes to failed/ (the link itself, not what it points to).
     */
    private void refuseOtherKinds(Path inbox) {
        for (Path entry : entries(inbox)) {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                String kind = Files.isSymbolicLink(entry) ? "a symbolic link" : Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        ? "a folder" : "not a regular file";
                refuse(inbox, entry, entry.getFileName() + " is " + kind + ": the inbox takes regular files only; nothing was sent");
            }
        }
    }

    /** The oldest complete CSV file of the folder, if any. */
    private Optional<Path> nextComplete(Path inbox) {
        return csvFiles(inbox).stream().filter(this::complete).findFirst();
    }

    private static Optional<Path> next(Path folder) {
        return csvFiles(folder).stream().findFirst();
    }

    private boolean complete(Path file) {
        try {
            Sighting now = new Sighting(Files.size(file), Files.getLastModifiedTime(file).toMillis());
            Sighting before = sightings.put(file, now);
            return now.equals(before) && clock.millis() - now.modified() >= settle.toMillis();
        }
        catch (IOException ex) {
            return false; // gone, or not readable yet
        }
    }

    private void take(CampaignDefinition campaign, Path inbox, Path file) {
        Path processing = move(file, inbox.resolve("processing"));
        sightings.remove(file);
        CampaignRunner.PreparedRun prepared;
        try {
            prepared = runner.prepare(campaign.file(), Optional.of(processing), false, campaign.review());
        }
        catch (InvalidDefinitionException ex) {
            refuse(inbox, processing, String.join("\n", ex.problems()));
            return;
        }
        if (prepared.nothingToDo() != null && (prepared.nothingToDo().result() == RunOutcome.Result.PAUSED
                || prepared.nothingToDo().result() == RunOutcome.Result.READY)) {
            // Stays in processing/: a resume (or the review's Send) sends the rest of it from there.
            log.info("Inbox {}: {}", inbox, prepared.nothingToDo().message());
            notBefore.put(processing, clock.instant().plus(RESUME_AFTER));
            return;
        }
        if (prepared.nothingToDo() != null) {
            log.info("Inbox {}: {} was sent before ({}); moved to processed/", inbox, file.getFileName(),
                    prepared.nothingToDo().message());
            move(processing, inbox.resolve("processed"));
            return;
        }
        log.info("Inbox {}: taking {} as run {} of {}", inbox, file.getFileName(), prepared.run().id(), campaign.name());
        Optional<String> refusal = launcher.launch(prepared, "the inbox file " + file.getFileName(), outcome -> {
            if (outcome != null && outcome.result() == RunOutcome.Result.COMPLETED) {
                notBefore.remove(processing);
                move(processing, inbox.resolve("processed"));
            }
            else {
                // A run that stopped stays in processing/: a later poll resumes it.
                notBefore.put(processing, clock.instant().plus(RESUME_AFTER));
            }
        });
        // Another instance took the campaign a moment ago: the file waits in processing/ for its turn.
        refusal.ifPresent(reason -> notBefore.put(processing, clock.instant().plus(RESUME_AFTER)));
    }

    private void refuse(Path inbox, Path file, String reason) {
        Path failed = move(file, inbox.resolve("failed"));
        try {
            Files.writeString(failed.resolveSibling(failed.getFileName() + ".error.txt"), reason + "\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        log.warn("Inbox {}: refused {}: {}", inbox, file.getFileName(), reason);
    }

    private static List<Path> csvFiles(Path folder) {
        return entries(folder).stream().filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    /** Everything in the folder named like a list, oldest name first. */
    private static List<Path> entries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot list " + folder, ex);
        }
    }

    private static Path move(Path file, Path folder) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(file.getFileName());
            return file.equals(target) ? file : Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot move " + file + " to " + folder, ex);
        }
    }
}
