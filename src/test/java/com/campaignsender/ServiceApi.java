package com.campaignsender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API of one {@code serve} (in the test's JVM or a process of its own) as a script uses it. */
public final class ServiceApi {

    private final String root;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** {@code token}: the bearer token, or null where the service needs none (loopback). */
    public ServiceApi(String root, String token) {
        this.root = root;
        this.token = token;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Uploads a list as a {@code text/csv} body: answers the API's answer. */
    public HttpResponse<String> upload(String campaign, Path list) throws IOException, InterruptedException {
        return send(request("/campaigns/" + campaign + "/recipients").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(list)).build());
    }

    /** Uploads a list that must start a run: answers the run's id. */
    public long start(String campaign, Path list) throws IOException, InterruptedException {
        HttpResponse<String> upload = upload(campaign, list);
        if (upload.statusCode() != 202) {
            throw new AssertionError("upload to " + campaign + ": " + upload.statusCode() + " " + upload.body());
        }
        return json.readTree(upload.body()).path("runId").asLong();
    }

    public JsonNode json(HttpResponse<String> answer) {
        return json.readTree(answer.body());
    }

    /** Polls the run until its status says it ended (not RUNNING) and its report is written. */
    public JsonNode awaitEnd(long runId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json(get("/runs/" + runId));
            if (!run.path("status").asString().equals("RUNNING") && run.path("reportFiles").toString().contains("summary.json")) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not end");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
