package com.campaignsender.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.send.GeneratedCampaign;

import static com.campaignsender.PrometheusScrape.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster as an operator runs one (SPEC section 14): a manager's {@code run} and {@code worker}
 * processes, separate JVMs sharing MariaDB and the local RabbitMQ, sending to a {@code sandbox}
 * process. Runs with the {@code mysql} profile, which is where CI has the broker's database.
 */
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*mysql.*")
class ClusterProcessesTests {

    @TempDir
    Path dir;

    private ClusterProcesses cluster;

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void workersAndTheManagersOwnWorkerSendEveryRecipientExactlyOnceThoughOneIsStoppedMidPartition() throws Exception {
        cluster = new ClusterProcesses(dir, "10ms");
        Path job = campaign("cluster-once", 3000, "200/s");
        Process first = cluster.worker("worker-1");
        Process second = cluster.worker("worker-2");
        assertWorkersWebServer("worker-1");

        Process manager = cluster.run("manager", job, Map.of("CAMPAIGN_CLUSTER_PARTITIONS", "8"));
        cluster.awaitSentBy(second, "worker-2", 150);
        second.destroy(); // SIGTERM: its partition goes back to the broker after the chunk in flight
        assertThat(cluster.exitOf(second, "worker-2")).as(log("worker-2")).isZero();
        assertThat(log("worker-2")).contains("Stopped; 1 partition(s) in flight handed back");

        assertThat(cluster.exitOf(manager, "manager")).as(log("manager")).isZero();
        assertExactlyOnce("cluster-once", 3000);
        JsonNode workers = cluster.summary("cluster-once").path("workers");
        assertThat(sentIn(workers, first) + sentIn(workers, second) + sentIn(workers, manager))
                .as("every message sent by one of the three: " + workers).isEqualTo(3000);
        assertThat(List.of(sentIn(workers, first), sentIn(workers, second))).as("both workers took partitions: " + workers)
                .allMatch(sent -> sent > 0);
        String scrape = cluster.web("worker-1", ClusterProcesses.TOKEN).get("/actuator/prometheus").body();
        assertThat(value(scrape, "campaign_messages_total{channel=\"email\",outcome=\"accepted\",provider=\"voipbin\"}"))
                .as("what worker-1 counted of its own messages").isEqualTo(sentIn(workers, first));
    }

    /** A worker's web server: its health open and ready (database and broker up), its metrics behind the token, no service API. */
    private void assertWorkersWebServer(String name) throws Exception {
        HttpResponse<String> readiness = cluster.web(name, null).get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\":{\"status\":\"UP\"", "\"rabbit\":{\"status\":\"UP\"");
        assertThat(cluster.web(name, null).get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(cluster.web(name, ClusterProcesses.TOKEN).get("/api/runs").statusCode()).as("serve's API").isEqualTo(404);
    }

    @Test
    void aWorkerThatJoinsMidRunTakesPartitionsAndOneKilledMidPartitionIsReplacedWithoutAHuman() throws Exception {
        cluster = new ClusterProcesses(dir, "10ms");
        // 100/s for the campaign, whichever workers send it: 30 s, long enough for the second to join.
        Path job = campaign("cluster-kill", 3000, "100/s");
        Process first = cluster.worker("worker-1");
        Process manager = cluster.run("manager", job,
                Map.of("CAMPAIGN_CLUSTER_PARTITIONS", "6", "CAMPAIGN_CLUSTER_LOCAL_WORKER", "false"));
        cluster.awaitSentBy(first, "worker-1", 300);

        Process second = cluster.worker("worker-2");
        cluster.awaitSentBy(second, "worker-2", 100);
        int sentByFirst = cluster.sentBy(first);
        first.destroyForcibly().waitFor();
        assertThat(sentByFirst).as("killed in the middle of the run").isLessThan(2900);

        assertThat(cluster.exitOf(manager, "manager")).as(log("manager")).isZero();
        assertExactlyOnce("cluster-kill", 3000);
        JsonNode workers = cluster.summary("cluster-kill").path("workers");
        // Its rows left SENDING were in doubt; those it had not created were sent again, by the other.
        assertThat(sentIn(workers, first)).as("what the killed worker sent: " + workers).isBetween(1, sentByFirst);
        assertThat(sentIn(workers, first) + sentIn(workers, second)).as(workers.toString()).isEqualTo(3000);
        assertThat(log("worker-2")).contains("taken over from a worker that stopped before ending it");
        List<Instant> created = cluster.processes().created(cluster.voipbin()).stream().map(Map.Entry::getValue).sorted().toList();
        double perSecond = (created.size() - 1) / (Duration.between(created.get(0), created.get(created.size() - 1)).toMillis() / 1000.0);
        assertThat(perSecond).as("the campaign's limits.rate is the workers' together").isLessThan(110);
    }

    @Test
    void aBrokerLostMidRunStopsTheRunResumablyAndTheSameCommandCompletesItOnceTheBrokerIsBack() throws Exception {
        cluster = new ClusterProcesses(dir, "10ms");
        Path job = campaign("cluster-broker", 2000, "100/s");
        try (BrokerProxy broker = new BrokerProxy(ClusterProcesses.BROKER_HOST, 5672)) {
            Map<String, String> throughProxy = Map.of("SPRING_RABBITMQ_PORT", String.valueOf(broker.port()));
            Process worker = cluster.worker("worker", throughProxy);
            Process manager = cluster.run("manager", job, throughProxy);
            cluster.awaitSentBy(worker, "worker", 200);
            broker.cut();

            assertThat(cluster.exitOf(manager, "manager")).as(log("manager")).isEqualTo(1);
            assertThat(log("manager")).contains("stopped: the broker (RabbitMQ at 127.0.0.1:" + broker.port()
                    + ", spring.rabbitmq.host and spring.rabbitmq.port) was out of reach for campaign.cluster.worker-timeout (4s)",
                    "Run the same command again to resume it");
            assertThat(cluster.rowsIn("SENDING")).as("every request that left is recorded").isZero();
            assertThat(cluster.rowsIn("PENDING")).as("stopped mid-run").isPositive();

            broker.restore();
            Process again = cluster.run("manager-again", job, throughProxy);
            assertThat(cluster.exitOf(again, "manager-again")).as(log("manager-again")).isZero();
            assertThat(log("worker")).contains("The broker is out of reach", "The broker answers again")
                    .doesNotContain("ShutdownSignalException");
        }
        assertExactlyOnce("cluster-broker", 2000);
    }

    /**
     * The campaign's folder moved away 300 rows into the run: the workers send the rest from the
     * run's snapshot in the database, every recipient once, and the manager reports the run.
     */
    @Test
    void aCampaignFolderMovedAwayMidRunIsSentToTheEndFromTheRunsSnapshot() throws Exception {
        cluster = new ClusterProcesses(dir, "10ms");
        Path folder = Files.createDirectories(dir.resolve("campaign"));
        Path job = GeneratedCampaign.write(folder, "cluster-moved", "reader", "cluster-moved.example.com", 2000,
                "{ rate: 100/s, burst: 20, concurrency: 4, chunk: 50, max-attempts: 5 }", "{ poll-interval: 500ms, timeout: 1m }");
        // started in a folder of its own, which holds none of the campaign's files
        Process worker = cluster.workerIn(Files.createDirectories(dir.resolve("elsewhere")), "worker", Map.of());
        Process manager = cluster.run("manager", job, Map.of("CAMPAIGN_CLUSTER_PARTITIONS", "6",
                "CAMPAIGN_CLUSTER_LOCAL_WORKER", "false"));
        cluster.awaitSentBy(worker, "worker", 300);

        Files.move(folder, dir.resolve("moved-away"));

        assertThat(cluster.exitOf(manager, "manager")).as(log("manager")).isZero();
        assertExactlyOnce("cluster-moved", 2000);
        assertThat(log("worker")).doesNotContain("NoSuchFileException", "no such campaign definition file");
    }

    /**
     * A worker whose requests the provider refuses (its token is wrong): its partition fails, and
     * the manager ends the run at once with that worker's reason rather than wait for a partition
     * nobody can send; with a worker that can, the same command sends the run, every recipient once.
     */
    @Test
    void aPartitionThatFailsOnAWorkerEndsTheRunWithThatWorkersReasonAndTheSameCommandResumesIt() throws Exception {
        cluster = new ClusterProcesses(dir, "10ms");
        Path job = campaign("cluster-refused", 1000, "200/s");
        Map<String, String> noLocalWorker = Map.of("CAMPAIGN_CLUSTER_PARTITIONS", "6", "CAMPAIGN_CLUSTER_LOCAL_WORKER", "false");
        Process refused = cluster.worker("worker-refused",
                Map.of("CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN", "a-token-the-provider-never-issued"));
        Process manager = cluster.run("manager", job, noLocalWorker);

        assertThat(cluster.exitOf(manager, "manager")).as(log("manager")).isEqualTo(1);
        assertThat(log("manager")).contains("failed on worker ", ":" + refused.pid() + ": ", "refused the credential",
                "Run the same command again to resume it");
        assertThat(cluster.rowsIn("SENDING")).as("every request that left is recorded").isZero();
        assertThat(cluster.processes().messagesPerRecipient(cluster.voipbin())).as("the provider created nothing").isEmpty();
        refused.destroy();
        cluster.exitOf(refused, "worker-refused");

        cluster.worker("worker");
        Process again = cluster.run("manager-again", job, noLocalWorker);
        assertThat(cluster.exitOf(again, "manager-again")).as(log("manager-again")).isZero();
        assertExactlyOnce("cluster-refused", 1000);
    }

    /** Every recipient has one message at the provider, and the report accounts for every row, DELIVERED. */
    private void assertExactlyOnce(String campaign, int recipients) throws Exception {
        Map<String, Integer> messages = cluster.processes().messagesPerRecipient(cluster.voipbin());
        assertThat(messages).hasSize(recipients);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
        JsonNode summary = cluster.summary(campaign);
        assertThat(summary.path("rowsAccountedFor").asInt()).isEqualTo(recipients);
        assertThat(summary.path("states").path("DELIVERED").asInt()).as(summary.toString()).isEqualTo(recipients);
    }

    private static int sentIn(JsonNode workers, Process process) {
        for (var worker : workers.properties()) {
            if (worker.getKey().endsWith(":" + process.pid())) {
                return worker.getValue().asInt();
            }
        }
        return 0;
    }

    private Path campaign(String name, int recipients, String rate) throws IOException {
        return GeneratedCampaign.write(dir, name, "reader", name + ".example.com", recipients,
                "{ rate: " + rate + ", burst: 20, concurrency: 4, chunk: 50, max-attempts: 5 }",
                "{ poll-interval: 500ms, timeout: 1m }");
    }

    private String log(String name) throws IOException {
        return Files.readString(cluster.processes().log(name));
    }
}
