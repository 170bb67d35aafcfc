package com.campaignsender;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as separate processes, the way an operator runs it: commands and services
 * started with the test's classpath, a {@code sandbox} provider process that outlives them, and
 * one database they share (a fresh MariaDB or PostgreSQL database under the {@code mysql} or
 * {@code postgresql} profile, else an H2 file). Each process writes its output to a log file in
 * the test's folder.
 */
public final class AppProcesses implements AutoCloseable {

    public static final String SANDBOX_TOKEN = "process-test-token";

    private final Path dir;
    private final Map<String, String> database;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    public AppProcesses(Path dir) {
        this.dir = dir;
        this.database = database(dir);
    }

    /** The environment that points a process at the shared database. */
    public Map<String, String> database() {
        return database;
    }

    /** A connection to the shared database, to look at what the processes left in it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.get("SPRING_DATASOURCE_URL"),
                database.getOrDefault("SPRING_DATASOURCE_USERNAME", "sa"), database.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
    }

    /** Starts {@code args} as the application's command line; its output goes to {@code <name>.log}. */
    public Process start(String name, Map<String, String> env, String... args) throws IOException {
        return startIn(Path.of("").toAbsolutePath(), name, env, args);
    }

    /** As {@link #start}, with {@code folder} as the working directory. */
    public Process startIn(Path folder, String name, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CampaignSenderApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().putAll(env);
        // The test classpath carries the tests' configuration, which switches the command line off.
        builder.environment().put("CAMPAIGN_CLI_ENABLED", "true");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** A VoIPBIN sandbox with this latency (and the {@code sandbox} command's other options), as its own process; answers its base URL once it answers. */
    public String startSandbox(String latency, String... options) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("sandbox", "--port", String.valueOf(port), "--latency", latency,
                "--token", SANDBOX_TOKEN));
        args.addAll(List.of(options));
        Process sandbox = start("sandbox", Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:sandbox"), args.toArray(String[]::new));
        String voipbin = "http://127.0.0.1:" + port + "/v1.0";
        awaitAnswer(voipbin + "/emails?page_size=1&token=" + SANDBOX_TOKEN, sandbox, "sandbox");
        return voipbin;
    }

    /** The environment of a process that sends through the sandbox, with the database and a report folder. */
    public Map<String, String> sendingThrough(String voipbin) {
        Map<String, String> env = new HashMap<>(database);
        // A stand-in for VoIPBIN: paced by each campaign's limits.rate, not VoIPBIN's documented 16/s.
        env.putAll(Map.of("CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL", voipbin, "CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN", SANDBOX_TOKEN,
                "CAMPAIGN_PROVIDERS_VOIPBIN_RATE", "unlimited", "CAMPAIGN_REPORTS_DIR", dir.resolve("reports").toString()));
        return env;
    }

    /** Starts {@code serve --port PORT} as process {@code name}; answers it once its API answers. */
    public Process serve(String name, Map<String, String> env, int port) throws Exception {
        Process service = start(name, env, "serve", "--port", String.valueOf(port));
        awaitAnswer("http://127.0.0.1:" + port + "/api/campaigns", service, name);
        return service;
    }

    /** Polls {@code GET runUrl} (a run of the API) until the run has COMPLETED or FAILED, while {@code service} lives. */
    public JsonNode awaitRunEnd(String runUrl, Process service, String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && service.isAlive()) {
            JsonNode run = json.readTree(http.send(HttpRequest.newBuilder(URI.create(runUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String status = run.path("status").asString();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(runUrl + " did not end: " + Files.readString(log(name)));
    }

    /** Waits until {@code url} answers at all (any status), while {@code process} lives. */
    public void awaitAnswer(String url, Process process, String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " did not start: " + Files.readString(log(name)));
    }

    /** Waits until the sandbox holds at least {@code count} messages, while {@code process} lives. */
    public void awaitCreated(String voipbin, int count, Process process, String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (countCreated(voipbin, count) >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not reach " + count + " messages: " + Files.readString(log(name)));
    }

    /** Pages through the provider's email list until {@code enough} are seen. */
    public int countCreated(String voipbin, int enough) throws Exception {
        int[] seen = { 0 };
        page(voipbin, page -> seen[0] += page.size(), () -> seen[0] >= enough);
        return seen[0];
    }

    /** Every message the sandbox holds: its recipient and when it was created. */
    public List<Map.Entry<String, Instant>> created(String voipbin) throws Exception {
        List<Map.Entry<String, Instant>> created = new ArrayList<>();
        page(voipbin, page -> page.forEach(email -> created.add(Map.entry(
                email.path("destinations").get(0).path("target").asString(),
                Instant.parse(email.path("tm_create").asString().replace(' ', 'T') + "Z")))), () -> false);
        return created;
    }

    /** How many messages the sandbox holds for each recipient address. */
    public Map<String, Integer> messagesPerRecipient(String voipbin) throws Exception {
        Map<String, Integer> perRecipient = new HashMap<>();
        page(voipbin, page -> page.forEach(email -> perRecipient.merge(
                email.path("destinations").get(0).path("target").asString(), 1, Integer::sum)), () -> false);
        return perRecipient;
    }

    /** The id of the oldest message the sandbox holds for each recipient address. */
    public Map<String, String> idPerRecipient(String voipbin) throws Exception {
        Map<String, String> perRecipient = new HashMap<>();
        // newest first: the last put is the oldest
        page(voipbin, page -> page.forEach(email -> perRecipient.put(
                email.path("destinations").get(0).path("target").asString(), email.path("id").asString())), () -> false);
        return perRecipient;
    }

    /** The content of the message the sandbox holds for each recipient address (the last, where there are more). */
    public Map<String, String> contentPerRecipient(String voipbin) throws Exception {
        Map<String, String> perRecipient = new HashMap<>();
        page(voipbin, page -> page.forEach(email -> perRecipient.put(
                email.path("destinations").get(0).path("target").asString(), email.path("content").asString())), () -> false);
        return perRecipient;
    }

    public Path log(String name) {
        return dir.resolve(name + ".log");
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    /**
     * A port free now, for a process to listen on soon. Drawn below the ephemeral range
     * (32768-60999 here): a port the kernel hands out is also what it picks for the next outgoing
     * connection of any process, which once took a service's port between this check and its start.
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            }
            catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    private void page(String voipbin, Consumer<JsonNode> pages, BooleanSupplier done) throws Exception {
        String token = "";
        do {
            String url = voipbin + "/emails?page_size=100&token=" + SANDBOX_TOKEN
                    + (token.isEmpty() ? "" : "&page_token=" + token.replace(" ", "%20"));
            JsonNode page = readPage(url);
            pages.accept(page.path("result"));
            token = page.path("next_page_token").asString();
        } while (!token.isEmpty() && !done.getAsBoolean());
    }

    /** A page of the sandbox's listing, read again while the sandbox fails it (a sandbox may be told to fail any call). */
    private JsonNode readPage(String url) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return json.readTree(answer.body());
                }
                if (attempt == 100) {
                    throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
                }
            }
            catch (IOException dropped) {
                if (attempt == 100) {
                    throw dropped;
                }
            }
        }
    }

    private static Map<String, String> database(Path dir) {
        if (System.getProperty("spring.profiles.active", "").contains("mysql")) {
            String server = System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306");
            return Map.of("SPRING_DATASOURCE_URL", server + "/campaign_test_process_"
                            + ThreadLocalRandom.current().nextInt(100000, 999999) + "?createDatabaseIfNotExist=true",
                    "SPRING_DATASOURCE_USERNAME", System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_USER", "root"),
                    "SPRING_DATASOURCE_PASSWORD", System.getenv().getOrDefault("CAMPAIGN_TEST_MYSQL_PASSWORD", ""));
        }
        if (PostgresqlTestDatabases.active()) {
            return Map.of("SPRING_DATASOURCE_URL", PostgresqlTestDatabases.create("campaign_test_process_"),
                    "SPRING_DATASOURCE_USERNAME", PostgresqlTestDatabases.user(),
                    "SPRING_DATASOURCE_PASSWORD", PostgresqlTestDatabases.password());
        }
        // AUTO_SERVER: two service instances share the file, as two instances share a MySQL database.
        return Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("db/campaign-sender").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }
}
