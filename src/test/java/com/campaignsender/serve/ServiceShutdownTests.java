package com.campaignsender.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.AppProcesses;
import com.campaignsender.DatabaseNeutral;
import com.campaignsender.send.GeneratedCampaign;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} stopped with SIGTERM in the middle of a run: the run ends after the chunk it was
 * sending (no row is left SENDING, every request that left is recorded), the process exits, and
 * the run resumes by itself when the service starts again, with no recipient messaged twice.
 */
@DatabaseNeutral
class ServiceShutdownTests {

    private static final int RECIPIENTS = 2000;
    private static final int STOP_AFTER = 300;

    @TempDir
    Path dir;

    private AppProcesses processes;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void processes() {
        processes = new AppProcesses(dir);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void sigtermStopsTheRunAfterItsChunkAndTheNextStartResumesIt() throws Exception {
        String voipbin = processes.startSandbox("20ms");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        GeneratedCampaign.write(jobs, "shutdown", "reader", "stop.example.com", RECIPIENTS,
                "{ rate: 300/s, burst: 10, concurrency: 4, chunk: 50, max-attempts: 5 }",
                "{ poll-interval: 300ms, timeout: 1m }");
        Map<String, String> env = new HashMap<>(processes.sendingThrough(voipbin));
        env.put("CAMPAIGN_SERVER_JOBS_DIR", jobs.toString());
        env.put("CAMPAIGN_SERVER_UPLOADS_DIR", dir.resolve("uploads").toString());
        int port = AppProcesses.freePort();
        String api = "http://127.0.0.1:" + port + "/api";

        Process first = processes.serve("serve-first", env, port);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(api + "/campaigns/shutdown/recipients"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(jobs.resolve("shutdown.csv")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        long runId = json.readTree(upload.body()).path("runId").asLong();
        processes.awaitCreated(voipbin, STOP_AFTER, first, "serve-first");

        first.destroy(); // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the service stopped").isTrue();
        int sentBeforeStop = processes.messagesPerRecipient(voipbin).size();
        assertThat(sentBeforeStop).as("stopped in the middle of sending").isBetween(STOP_AFTER, RECIPIENTS - 1);
        assertThat(Files.readString(processes.log("serve-first"))).contains("end after the chunk they are sending");
        try (Connection db = processes.connect()) {
            assertThat(runStatus(db, runId)).as(Files.readString(processes.log("serve-first"))).isEqualTo("STOPPED");
            assertThat(count(db, runId, "state IN ('SENDING', 'IN_DOUBT')")).as("no row left mid-request").isZero();
            assertThat(count(db, runId, "provider_message_id IS NOT NULL")).as("every request that left is recorded")
                    .isEqualTo(sentBeforeStop);
        }

        Process second = processes.serve("serve-second", env, port);
        JsonNode run = processes.awaitRunEnd(api + "/runs/" + runId, second, "serve-second");
        assertThat(run.path("status").asString()).as(Files.readString(processes.log("serve-second"))).isEqualTo("COMPLETED");
        assertThat(run.path("states").path("DELIVERED").asInt()).isEqualTo(RECIPIENTS);
        Map<String, Integer> messages = processes.messagesPerRecipient(voipbin);
        assertThat(messages).hasSize(RECIPIENTS);
        assertThat(messages.values()).as("no recipient got two messages").allMatch(count -> count == 1);
    }

    private static String runStatus(Connection db, long runId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT status FROM campaign_run WHERE id = ?")) {
            query.setLong(1, runId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection db, long runId, String condition) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM recipient WHERE run_id = ? AND " + condition)) {
            query.setLong(1, runId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
