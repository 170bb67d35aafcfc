package com.campaignsender.security;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without a token, on loopback, as a web page the operator visits would drive it: a
 * form or a script of another site posting to it, and a name of the attacker's resolving to
 * 127.0.0.1 (DNS rebinding). This machine's programs and the service's own pages still pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=servlet")
// Its own web server.
@DirtiesContext
class SameOriginTests {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @LocalServerPort
    private int port;

    @Test
    void anotherSitesPageCannotDriveTheService() throws IOException {
        assertThat(status("POST /api/runs/999/cancel", "Host: 127.0.0.1:" + port, "Origin: https://evil.example"))
                .as("a cross-site form or fetch").isEqualTo(403);
        assertThat(status("POST /api/runs/999/cancel", "Host: 127.0.0.1:" + port, "Origin: null")).as("a sandboxed frame")
                .isEqualTo(403);
        assertThat(status("POST /api/runs/999/cancel", "Host: 127.0.0.1:" + port, "Referer: https://evil.example/page"))
                .as("no Origin, a foreign Referer").isEqualTo(403);
        assertThat(status("GET /api/campaigns", "Host: rebound.evil.example:" + port)).as("DNS rebinding").isEqualTo(403);
        assertThat(status("GET /api/campaigns", "Host: 127.0.0.1.evil.example")).isEqualTo(403);
    }

    @Test
    void thisMachinesProgramsAndTheServicesOwnPagesPass() throws IOException {
        assertThat(status("GET /api/campaigns", "Host: 127.0.0.1:" + port)).as("curl").isEqualTo(200);
        assertThat(status("GET /api/campaigns", "Host: localhost:" + port)).isEqualTo(200);
        assertThat(status("POST /api/runs/999/cancel", "Host: 127.0.0.1:" + port, "Origin: http://127.0.0.1:" + port))
                .as("the service's own page: past the check, to a run that is not there").isEqualTo(404);
        assertThat(status("GET /", "Host: localhost:" + port, "Referer: http://localhost:" + port + "/runs/1")).isEqualTo(200);
    }

    private int status(String requestLine, String... headers) throws IOException {
        return RawHttp.status(RawHttp.exchange(port, requestLine + " HTTP/1.1\r\n" + String.join("\r\n", headers)
                + "\r\nContent-Length: 0\r\nConnection: close", "", QUICKLY));
    }
}
