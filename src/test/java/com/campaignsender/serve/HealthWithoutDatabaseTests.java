package com.campaignsender.serve;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} when the database goes away: the service's database is an H2 server of
 * the test's own (whichever database the suite runs on), stopped under it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet",
        // A probe must answer within its timeout: a pool waiting 30 s for a connection would not.
        "spring.datasource.hikari.connection-timeout=1000", "spring.datasource.hikari.validation-timeout=500" })
@DirtiesContext
class HealthWithoutDatabaseTests {

    private static final int DATABASE_PORT = freePort();
    private static final Server database = start();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + DATABASE_PORT + "/mem:health;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stopDatabase() {
        database.stop();
    }

    @Test
    void healthIsDownOnceTheDatabaseIsStopped() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        database.stop();
        HttpResponse<String> down = get("/actuator/health");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode health = json.readTree(down.body());
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        // Restarting the process would not bring the database back: liveness stays up.
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Server start() {
        try {
            return Server.createTcpServer("-tcpPort", String.valueOf(DATABASE_PORT), "-ifNotExists").start();
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot start the test's H2 server: " + ex.getMessage(), ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
