package com.campaignsender.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.campaignsender.ledger.CampaignRuns;

/**
 * Removes uploaded lists older than {@code campaign.server.upload-retention} (SPEC section 22):
 * each upload's folder ({@code <uploads-dir>/<campaign>/<time>-<id>/<its own name>}), once its
 * run is done for good. A list whose run is not (stopped, failed, paused, refused: it may be
 * loaded again when it resumes) stays whatever its age. The ledger keeps every row as loaded and
 * the report names the list, so nothing a report or a resume needs goes with the file.
 */
@Component
@ServeOnly
class UploadCleanup {

    private static final Logger log = LoggerFactory.getLogger(UploadCleanup.class);

    private final ServerSettings settings;
    private final CampaignRuns runs;
    private final Clock clock;

    UploadCleanup(ServerSettings settings, CampaignRuns runs, Clock clock) {
        this.settings = settings;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${campaign.server.upload-cleanup-every:1h}", initialDelay = 0)
    void removeOldUploads() {
        Instant before = clock.instant().minus(settings.uploadRetention());
        Set<Path> kept = runs.listsOfUnfinishedRuns().stream().map(file -> file.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        int removed = 0;
        for (Path upload : uploads()) {
            if (modified(upload).isBefore(before) && files(upload).stream().noneMatch(file -> kept.contains(file))) {
                delete(upload);
                removed++;
            }
        }
        if (removed > 0) {
            log.info("Removed {} uploaded lists older than campaign.server.upload-retention ({})", removed,
                    settings.uploadRetention());
        }
    }

    /** Each upload's own folder, of every campaign. */
    private List<Path> uploads() {
        if (!Files.isDirectory(settings.uploadsDir())) {
            return List.of();
        }
        try (Stream<Path> campaigns = Files.list(settings.uploadsDir())) {
            return campaigns.filter(Files::isDirectory).flatMap(campaign -> files(campaign).stream())
                    .filter(Files::isDirectory).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.toAbsolutePath().normalize()).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException ex) {
            log.warn("Could not remove the old upload {}: {}", folder, ex.getMessage());
        }
    }
}
