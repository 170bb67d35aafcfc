package com.campaignsender.send;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.CampaignSenderApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as separate processes, killed with SIGKILL in the middle of sending and run
 * again with the same command: every valid recipient has exactly one message at the provider
 * (itself a separate {@code sandbox} process, so that it outlives the kill) and every row of the
 * list is accounted for in the report. Runs on H2, and on MariaDB when the suite runs with the
 * {@code mysql} profile.
 */
class CrashRestartTests {

    private static final int RECIPIENTS = 3000;
    private static final int KILL_AFTER = 800;
    private static final String TOKEN = "crash-test-token";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aRunKilledMidSendingAndRunAgainSendsEveryMessageExactlyOnce() throws Exception {
        int port = freePort();
        Process sandbox = start(dir.resolve("sandbox.log"), Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:sandbox"),
                "sandbox", "--port", String.valueOf(port), "--latency", "5ms", "--token", TOKEN);
        String voipbin = "http://127.0.0.1:" + port + "/v1.0";
        awaitUp(voipbin, sandbox);
        Path job = campaign();
        Map<String, String> env = new HashMap<>(database());
        env.putAll(Map.of("CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL", voipbin, "CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN", TOKEN,
                "CAMPAIGN_REPORTS_DIR", dir.resolve("reports").toString()));

        Process first = start(dir.resolve("first.log"), env, "run", job.toString());
        awaitCreated(voipbin, KILL_AFTER, first);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int createdAtKill = messagesPerRecipient(voipbin).size();
        assertThat(createdAtKill).as("killed in the middle of sending").isBetween(KILL_AFTER, RECIPIENTS - 1);

        Process second = start(dir.resolve("second.log"), env, "run", job.toString());
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("second run finished").isTrue();
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();

        Map<String, Integer> messages = messagesPerRecipient(voipbin);
        assertThat(messages).hasSize(RECIPIENTS);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
        try (var reports = Files.walk(dir.resolve("reports"))) {
            Path recipients = reports.filter(file -> file.endsWith("recipients.csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(recipients);
            assertThat(lines).hasSize(1 + RECIPIENTS);
            assertThat(lines.stream().skip(1).map(line -> line.split(",")[2]).distinct()).containsExactly("DELIVERED");
        }
    }

    /** The database of both runs: a fresh MariaDB database under the mysql profile, else an H2 file. */
    private Map<String, String> database() {
        if (System.getProperty("spring.profiles.active", "").contains("mysql")) {
            String server = System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306");
            return Map.of("SPRING_DATASOURCE_URL", server + "/campaign_test_crash_"
                            + ThreadLocalRandom.current().nextInt(100000, 999999) + "?createDatabaseIfNotExist=true",
                    "SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_USER", "root"),
                    "SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_PASSWORD", ""));
        }
        return Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/campaign-sender").toAbsolutePath()
                + ";WRITE_DELAY=0");
    }

    private Path campaign() throws IOException {
        return GeneratedCampaign.write(dir, "crash-restart", "reader", "crash.example.com", RECIPIENTS,
                "{ rate: 400/s, burst: 20, concurrency: 8, chunk: 50, max-attempts: 5 }",
                "{ poll-interval: 500ms, timeout: 1m }");
    }

    private Process start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CampaignSenderApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        // The test classpath carries the tests' configuration, which switches the command line off.
        builder.environment().put("CAMPAIGN_CLI_ENABLED", "true");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitUp(String voipbin, Process sandbox) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && sandbox.isAlive()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(voipbin + "/emails?page_size=1&token=" + TOKEN)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the sandbox did not start: " + Files.readString(dir.resolve("sandbox.log")));
    }

    private void awaitCreated(String voipbin, int count, Process run) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && run.isAlive()) {
            if (countCreated(voipbin, count) >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first run did not reach " + count + " messages: " + Files.readString(dir.resolve("first.log")));
    }

    /** Pages through the provider's email list until {@code enough} are seen. */
    private int countCreated(String voipbin, int enough) throws Exception {
        int[] seen = { 0 };
        page(voipbin, page -> seen[0] += page.size(), () -> seen[0] >= enough);
        return seen[0];
    }

    private Map<String, Integer> messagesPerRecipient(String voipbin) throws Exception {
        Map<String, Integer> perRecipient = new HashMap<>();
        page(voipbin, page -> page.forEach(email -> perRecipient.merge(
                email.path("destinations").get(0).path("target").asString(), 1, Integer::sum)), () -> false);
        return perRecipient;
    }

    private void page(String voipbin, Consumer<JsonNode> pages, BooleanSupplier done)
            throws Exception {
        String token = "";
        do {
            String url = voipbin + "/emails?page_size=100&token=" + TOKEN + (token.isEmpty() ? "" : "&page_token=" + token.replace(" ", "%20"));
            JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            pages.accept(page.path("result"));
            token = page.path("next_page_token").asString();
        } while (!token.isEmpty() && !done.getAsBoolean());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
