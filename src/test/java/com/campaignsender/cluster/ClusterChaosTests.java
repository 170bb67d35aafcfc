package com.campaignsender.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.DeliveryAudit;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise under chaos in a cluster (SPEC section 17), on MariaDB and RabbitMQ: through a
 * sandbox that fails, drops and loses calls of every kind, a worker is SIGKILLed mid-partition, the
 * broker is gone for ten seconds mid-run, the manager's command is run again and SIGKILLed while it
 * sends, and then run to its end: every recipient exactly once or FAILED with a reason, every row
 * final.
 */
@EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*mysql.*")
class ClusterChaosTests {

    private static final int RECIPIENTS = 2000;
    /** Runs of the manager's command at the end: one may stop, exit 1, while the provider cannot be read. */
    private static final int RUNS_AGAIN = 3;

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
    void aKilledWorkerTenSecondsWithoutTheBrokerAndAKilledManagerLoseNobodyAndSendNobodyTwice() throws Exception {
        cluster = new ClusterProcesses(dir, "2ms", "--failure-rate", "0.05", "--reset-rate", "0.02",
                "--lost-answer-rate", "0.02", "--late-create-rate", "0.01", "--late-create-delay", "500ms");
        Path job = GeneratedCampaign.write(dir, "cluster-chaos", "reader", "cluster-chaos.example.com", RECIPIENTS,
                "{ rate: 100/s, burst: 20, concurrency: 4, chunk: 50, max-attempts: 5, error-threshold: 0.5 }",
                "{ poll-interval: 200ms, timeout: 30s }");
        try (BrokerProxy broker = new BrokerProxy(ClusterProcesses.BROKER_HOST, 5672)) {
            Map<String, String> env = new HashMap<>(Map.of("SPRING_RABBITMQ_PORT", String.valueOf(broker.port()),
                    "CAMPAIGN_CLUSTER_PARTITIONS", "8"));
            Process first = cluster.worker("worker-1", env);
            Process second = cluster.worker("worker-2", env);
            Process manager = cluster.run("manager", job, env);

            cluster.awaitSentBy(first, "worker-1", 150);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            cluster.worker("worker-3", env);

            cluster.awaitSentBy(second, "worker-2", 300);
            broker.cut();
            Thread.sleep(10_000); // the outage itself: what the cluster must ride through
            broker.restore();
            if (!manager.waitFor(30, TimeUnit.SECONDS)) { // it stops, exit 1, once the broker is out of reach for its worker-timeout
                manager.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }

            Process again = cluster.run("manager-again", job, env);
            awaitSending(again, cluster.rowsIn("PENDING"));
            again.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            int exit = -1;
            for (int run = 1; run <= RUNS_AGAIN && exit != 0; run++) {
                exit = cluster.exitOf(cluster.run("manager-last-" + run, job, env), "manager-last-" + run);
            }
            assertThat(exit).as(Files.readString(cluster.processes().log("manager-last-1"))).isZero();
        }
        DeliveryAudit audit = DeliveryAudit.of(cluster.processes(), cluster.voipbin(), RECIPIENTS);
        assertThat(audit.holds()).as(audit.line()).isTrue();
    }

    /** Waits until the manager's run has sent some of the rows pending when it started (or has none left, or ended). */
    private void awaitSending(Process manager, int pendingAtStart) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (manager.isAlive() && Instant.now().isBefore(deadline)) {
            int pending = cluster.rowsIn("PENDING");
            if (pending == 0 || pending <= pendingAtStart - 50) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
