package com.campaignsender.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.unit.DataSize;

import com.campaignsender.definition.RunIdentity;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.RunStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 22: uploads older than campaign.server.upload-retention go, unless their run may still load from them. */
@SpringBootTest
class UploadCleanupTests {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Autowired
    private CampaignRuns runs;

    @TempDir
    private Path uploads;

    @Test
    void removesOldUploadsOfRunsDoneForGoodAndKeepsTheRest() throws Exception {
        Path oldDone = upload("welcome-email", "20261001-090000-a", "october.csv", Duration.ofDays(40));
        Path oldOfStoppedRun = upload("welcome-email", "20261002-090000-b", "resume me.csv", Duration.ofDays(40));
        Path oldWithoutRun = upload("reminder-sms", "20261003-090000-c", "refused.csv", Duration.ofDays(31));
        Path recent = upload("welcome-email", "20261201-090000-d", "december.csv", Duration.ofDays(4));
        long stopped = runs.findOrCreate(RunIdentity.of("welcome-email", oldOfStoppedRun), Path.of("jobs/welcome-email.yml"),
                oldOfStoppedRun, List.of("email")).id();
        runs.updateStatus(stopped, RunStatus.STOPPED);
        long completed = runs.findOrCreate(RunIdentity.of("welcome-email", oldDone), Path.of("jobs/welcome-email.yml"),
                oldDone, List.of("email")).id();
        runs.updateStatus(completed, RunStatus.COMPLETED);

        new UploadCleanup(new ServerSettings(null, null, DataSize.ofMegabytes(1), Path.of("jobs"), uploads,
                Duration.ofSeconds(3), Duration.ofDays(30), Duration.ofDays(7), null), runs, Clock.fixed(NOW, ZoneOffset.UTC)).removeOldUploads();

        assertThat(oldDone.getParent()).doesNotExist();
        assertThat(oldWithoutRun.getParent()).doesNotExist();
        assertThat(oldOfStoppedRun).as("a stopped run loads from its list again when it resumes").exists();
        assertThat(recent).exists();
        assertThat(uploads.resolve("welcome-email")).as("the campaign's folder stays").isDirectory();
    }

    private Path upload(String campaign, String folder, String name, Duration age) throws Exception {
        Path file = Files.createDirectories(uploads.resolve(campaign).resolve(folder)).resolve(name);
        Files.writeString(file, "email\nann@example.com\n" + folder);
        Files.setLastModifiedTime(file.getParent(), FileTime.from(NOW.minus(age)));
        return file;
    }
}
