package com.campaignsender.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/** What a process refuses to join a cluster without, before it sends anything (exit 2). */
class ClusterRefusalsTests {

    @TempDir
    Path dir;

    private AppProcesses processes;

    @BeforeEach
    void processes() {
        processes = new AppProcesses(dir);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void aClusterOnTheEmbeddedH2IsRefused() throws Exception {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/h2").toAbsolutePath(),
                "CAMPAIGN_CLUSTER_ENABLED", "true");

        assertThat(exitOf(processes.start("worker", env, "worker"))).isEqualTo(2);
        assertThat(Files.readString(processes.log("worker")))
                .contains("needs a database the cluster's processes share", "not the embedded H2");
    }

    @Test
    @EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*(mysql|postgresql).*")
    void aRunWhoseBrokerDoesNotAnswerIsRefusedNamingWhereItLooked() throws Exception {
        Path job = GeneratedCampaign.write(dir, "no-broker", "reader", "example.com", 10, "{ rate: 50/s }",
                "{ timeout: 10s }");
        Map<String, String> env = new HashMap<>(processes.database());
        env.putAll(Map.of("CAMPAIGN_CLUSTER_ENABLED", "true", "SPRING_RABBITMQ_PORT", String.valueOf(AppProcesses.freePort()),
                "CAMPAIGN_REPORTS_DIR", dir.resolve("reports").toString()));

        assertThat(exitOf(processes.start("run", env, "run", job.toString()))).isEqualTo(2);
        assertThat(Files.readString(processes.log("run")))
                .contains("refused, nothing sent", "needs RabbitMQ", "spring.rabbitmq.host", "Connection refused");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    private static int exitOf(Process process) throws InterruptedException {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("process ended").isTrue();
        return process.exitValue();
    }
}
