package com.campaignsender.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;
import com.campaignsender.DatabaseNeutral;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample campaign run as a new user would, once from the project and once from another
 * folder, with the default database: both find one ledger in the user's home, so the second run
 * sends nothing again; the first start says it made a new, empty database, and where, and makes
 * its files this user's alone.
 */
@DatabaseNeutral
class LedgerLocationTests {

    @TempDir
    Path dir;

    private AppProcesses processes;

    @AfterEach
    void stop() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void theSameListRunFromAnotherFolderFindsTheSameLedgerAndSendsNothingAgain() throws Exception {
        processes = new AppProcesses(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path job = Path.of("jobs/welcome-email.yml").toAbsolutePath();
        // The test classpath points every context at a database of its own: give the processes the product's default back.
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home,
                "SPRING_DATASOURCE_URL", productDefault("spring.datasource.url"),
                "CAMPAIGN_REPORTS_DIR", dir.resolve("reports").toString());
        String ledger = home.resolve(".campaign-sender/data/campaign-sender.mv.db").toString();

        assertThat(run("from-project", Path.of("").toAbsolutePath(), env, job)).isZero();
        assertThat(Files.readString(processes.log("from-project")))
                .contains("Ledger: a new, empty database at " + ledger + ": no earlier runs or suppressions are in it");
        // Every recipient's address is in there: this user's alone.
        Path data = home.resolve(".campaign-sender/data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
        }

        assertThat(run("from-elsewhere", elsewhere, env, job)).isZero();
        String second = Files.readString(processes.log("from-elsewhere"));
        assertThat(second).contains("Ledger: " + ledger).doesNotContain("new, empty");
        assertThat(second).contains("Nothing to do: run 1 already sent this list");
        assertThat(elsewhere.resolve("data")).doesNotExist();
    }

    private int run(String name, Path folder, Map<String, String> env, Path job) throws Exception {
        Process process = processes.startIn(folder, name, env, "run", job.toString());
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(name + " ended").isTrue();
        return process.exitValue();
    }

    private static String productDefault(String key) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LedgerLocationTests.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty(key);
    }
}
