package com.campaignsender.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import com.campaignsender.AppProcesses;
import com.campaignsender.ServiceApi;

/**
 * A cluster as separate processes for a test: the shared database and a sandbox of
 * {@link AppProcesses}, a queue of the test's own on the local RabbitMQ (deleted at the end),
 * workers, and the manager's {@code run}.
 */
final class ClusterProcesses implements AutoCloseable {

    static final String BROKER_HOST = System.getenv().getOrDefault("CAMPAIGN_TEST_RABBITMQ_HOST", "127.0.0.1");
    /** The bearer token of the workers' metrics. */
    static final String TOKEN = "cluster-test-token-0123456789abcdef";
    private static final Pattern WORKING = Pattern.compile("Working the cluster's partitions; health and metrics on port (\\d+)");

    private final Path dir;
    private final AppProcesses processes;
    private final String queue = "campaign-test-" + UUID.randomUUID();
    private final String voipbin;
    private final Map<String, Integer> ports = new HashMap<>();

    /** A cluster sending to a sandbox with this latency and the {@code sandbox} command's other options (its faults). */
    ClusterProcesses(Path dir, String latency, String... sandboxOptions) throws Exception {
        this.dir = dir;
        this.processes = new AppProcesses(dir);
        this.voipbin = processes.startSandbox(latency, sandboxOptions);
    }

    AppProcesses processes() {
        return processes;
    }

    String voipbin() {
        return voipbin;
    }

    /** The environment of a cluster process: database, provider, broker, this test's queue, and {@code extra}. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(processes.sendingThrough(voipbin));
        env.putAll(Map.of("CAMPAIGN_CLUSTER_ENABLED", "true", "CAMPAIGN_CLUSTER_QUEUE", queue,
                "CAMPAIGN_CLUSTER_WORKER_TIMEOUT", "4s", "SPRING_RABBITMQ_HOST", BROKER_HOST, "CAMPAIGN_SERVER_TOKEN", TOKEN));
        env.putAll(extra);
        return env;
    }

    /** Starts a {@code worker} (its health and metrics on a free port) and answers it once it takes partitions. */
    Process worker(String name) throws Exception {
        return worker(name, Map.of());
    }

    /** Starts a {@code worker} with {@code extra} settings and answers it once it takes partitions. */
    Process worker(String name, Map<String, String> extra) throws Exception {
        return workerIn(Path.of("").toAbsolutePath(), name, extra);
    }

    /** Starts a {@code worker} in {@code folder}, with {@code extra} settings, and answers it once it takes partitions. */
    Process workerIn(Path folder, String name, Map<String, String> extra) throws Exception {
        Process worker = processes.startIn(folder, name, env(extra), "worker", "--port", "0");
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && worker.isAlive()) {
            Matcher working = WORKING.matcher(Files.exists(processes.log(name)) ? Files.readString(processes.log(name)) : "");
            if (working.find()) {
                ports.put(name, Integer.parseInt(working.group(1)));
                return worker;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not start working: " + Files.readString(processes.log(name)));
    }

    /** The web server of worker {@code name}: its Actuator, with the token or, given {@code null}, without. */
    ServiceApi web(String name, String token) {
        return new ServiceApi("http://127.0.0.1:" + ports.get(name), token);
    }

    /** Starts the manager: {@code run <job>}, with {@code extra} settings (its own worker, its partition count). */
    Process run(String name, Path job, Map<String, String> extra) throws IOException {
        return processes.start(name, env(extra), "run", job.toString());
    }

    /** Waits for {@code process} to end; answers its exit code. */
    int exitOf(Process process, String name) throws Exception {
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            throw new AssertionError(name + " did not end: " + Files.readString(processes.log(name)));
        }
        return process.exitValue();
    }

    /** How many of the run's rows process {@code worker} has sent so far. */
    int sentBy(Process worker) throws Exception {
        try (Connection connection = processes.connect();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM recipient WHERE sent_by LIKE ?")) {
            query.setString(1, "%:" + worker.pid());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** How many rows of the ledger are in {@code state}. */
    int rowsIn(String state) throws Exception {
        try (Connection connection = processes.connect();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM recipient WHERE state = ?")) {
            query.setString(1, state);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Waits until {@code worker} has sent at least {@code rows} rows. */
    void awaitSentBy(Process worker, String name, int rows) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && worker.isAlive()) {
            if (sentBy(worker) >= rows) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not send " + rows + " rows: " + Files.readString(processes.log(name)));
    }

    /** The summary.json of the campaign's one run. */
    JsonNode summary(String campaign) throws IOException {
        try (var reports = Files.walk(dir.resolve("reports").resolve(campaign))) {
            Path summary = reports.filter(file -> file.endsWith("summary.json")).findFirst().orElseThrow();
            return JsonMapper.builder().build().readTree(summary.toFile());
        }
    }

    @Override
    public void close() {
        processes.close();
        CachingConnectionFactory connections = new CachingConnectionFactory(BROKER_HOST);
        try {
            new RabbitAdmin(connections).deleteQueue(queue);
        }
        finally {
            connections.destroy();
        }
    }
}
