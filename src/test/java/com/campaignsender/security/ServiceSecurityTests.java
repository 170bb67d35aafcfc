package com.campaignsender.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.DatabaseNeutral;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web side probed as an attacker probes it (SPEC section 19), over real HTTP against a service
 * with a token and a webhook secret behind a proxy (forwarded headers honoured): each test plays its
 * own client address, as the proxy reports it, so the limits on guessing of one do not touch another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + ServiceSecurityTests.TOKEN,
        "campaign.server.webhook-secret=" + ServiceSecurityTests.WEBHOOK_SECRET, "server.forward-headers-strategy=native",
        // the product's 10 s, shortened so that the slow body's test waits less
        "server.tomcat.connection-timeout=2s" })
@ExtendWith(OutputCaptureExtension.class)
@DatabaseNeutral
// Its own web server and its own count of failures.
@DirtiesContext
class ServiceSecurityTests {

    static final String TOKEN = "7c1e9a4f2b8d6e0a3c5f7b9d1e3a5c7f";
    static final String WEBHOOK_SECRET = "a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4";
    private static final Duration QUICKLY = Duration.ofSeconds(3);
    private static final String SIXTY_FOUR_MB = Long.toString(64L * 1024 * 1024);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    /** This test's own address, as the proxy in front of the service reports it. */
    private final String client = "203.0.113." + CLIENTS.incrementAndGet();

    @Test
    void theMetricsAreTheTokensUnderEverySpellingOfTheirPath() throws IOException {
        for (String path : List.of("/actuator/prometheus", "/actuator/prometheus;x", "/actuator/%70rometheus",
                "/actuator/prometheu%73", "/actuator/prometheus/", "/actuator//prometheus", "/actuator/./prometheus",
                "/unsubscribe/../actuator/prometheus", "/actuator/health/../prometheus", "/webhooks/%2e%2e/actuator/prometheus")) {
            assertThat(RawHttp.status(get(path, ""))).as(path).isIn(400, 401, 404);
        }
        assertThat(RawHttp.status(get("/actuator/prometheus", "Authorization: Bearer " + TOKEN + "\r\n"))).isEqualTo(200);
        assertThat(RawHttp.status(get("/actuator/health", ""))).as("the probes are open").isEqualTo(200);
        assertThat(RawHttp.status(get("/actuator/health/readiness", ""))).isEqualTo(200);
        assertThat(RawHttp.status(get("/actuator/info", ""))).as("any other endpoint is the token's").isEqualTo(401);
    }

    @Test
    void everyPathButTheOpenOnesNeedsACredential() throws Exception {
        assertThat(send(request("/api/runs").GET()).statusCode()).isEqualTo(401);
        assertThat(send(request("/api/campaigns").header("Authorization", "Bearer " + TOKEN).GET()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> page = send(request("/no/such/page").GET());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(send(request("/runs/1/cancel").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .as("a form without a session or its CSRF token").isEqualTo(403);
        assertThat(send(request("/unsubscribe/not-a-token").GET()).statusCode()).as("open, and checks its link")
                .isEqualTo(400);
    }

    @Test
    void aPageSessionDoesNotOpenTheApi() throws Exception {
        String session = logIn(TOKEN).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        assertThat(send(request("/").header("Cookie", session).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/campaigns").header("Cookie", session).GET()).statusCode()).isEqualTo(403);
        assertThat(send(request("/actuator/prometheus").header("Cookie", session).GET()).statusCode()).isEqualTo(403);
    }

    @Test
    void guessingTheBearerTokenIsSlowedAndLoggedWithoutTheGuess(CapturedOutput output) throws Exception {
        for (int guess = 1; guess <= GuessLimiter.PER_MINUTE; guess++) {
            HttpResponse<String> wrong = send(request("/api/campaigns").header("Authorization", "Bearer guess-" + guess).GET());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("the bearer token is wrong");
        }
        HttpResponse<String> refused = send(request("/api/campaigns").header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(refused.statusCode()).as("even the right token, from this address, for now").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Integer::parseInt).orElseThrow()).isBetween(1, 60);

        assertThat(send(request("/api/campaigns").setHeader("X-Forwarded-For", "198.51.100.9")
                .header("Authorization", "Bearer " + TOKEN).GET()).statusCode()).as("another address").isEqualTo(200);
        assertThat(output).contains("A wrong bearer token for /api/campaigns from " + client).doesNotContain("guess-1");
    }

    @Test
    void guessingTheLoginIsSlowed(CapturedOutput output) throws Exception {
        for (int guess = 1; guess <= GuessLimiter.PER_MINUTE; guess++) {
            HttpResponse<String> wrong = logIn("guess-" + guess);
            assertThat(wrong.statusCode()).isEqualTo(303);
            assertThat(wrong.headers().firstValue("Location")).hasValue("/login?error");
        }
        assertThat(logIn(TOKEN).statusCode()).isEqualTo(429);
        assertThat(output).contains("A wrong token on the login form from " + client).doesNotContain("guess-1");
    }

    @Test
    void guessingTheWebhookSecretIsSlowed() throws Exception {
        for (int guess = 1; guess <= GuessLimiter.PER_MINUTE; guess++) {
            assertThat(send(request("/webhooks/voipbin/guess-" + guess).POST(HttpRequest.BodyPublishers.ofString("{}")))
                    .statusCode()).isEqualTo(404);
        }
        assertThat(send(request("/webhooks/voipbin/" + WEBHOOK_SECRET).POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode()).isEqualTo(429);
    }

    @Test
    void aWebhookBodyIsReadOnlyAfterItsPathSecretMatchedAndOnlyUpToAMegabyte() throws Exception {
        String announced = "Content-Type: application/json\r\nContent-Length: " + SIXTY_FOUR_MB + "\r\n";
        assertThat(RawHttp.status(post("/webhooks/voipbin/not-the-secret", announced))).isEqualTo(404);
        assertThat(RawHttp.status(post("/webhooks/voipbin/" + WEBHOOK_SECRET, announced))).isEqualTo(413);

        String large = "{\"type\":\"message_created\",\"data\":\"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = send(request("/webhooks/voipbin/" + WEBHOOK_SECRET)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(large)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    /** Each of these was read whole, or parsed to disk, before any check: now the answer comes without the body. */
    @Test
    void nothingWithoutACredentialMakesTheServiceReadALargeBody() throws IOException {
        String form = "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + SIXTY_FOUR_MB + "\r\n";
        String multipart = "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + SIXTY_FOUR_MB + "\r\n";
        assertThat(RawHttp.status(RawHttp.exchange(port, "PUT /anything HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: "
                + client + "\r\n" + form.strip(), "", QUICKLY))).isIn(303, 401, 403);
        assertThat(RawHttp.status(post("/login", multipart))).isEqualTo(403);
        assertThat(RawHttp.status(post("/login", form))).as("over the form limit").isIn(403, 413);
        assertThat(RawHttp.status(post("/unsubscribe/some-token", multipart))).isEqualTo(400);
        assertThat(RawHttp.status(post("/campaigns/welcome-email/recipients", multipart))).isEqualTo(403);
        assertThat(RawHttp.status(post("/api/campaigns/welcome-email/recipients", multipart))).isEqualTo(401);
    }

    /** A body that stops coming holds no thread for long: the connection is dropped once it has been still for the timeout. */
    @Test
    void aSlowBodyIsDropped() throws IOException {
        long started = System.nanoTime();
        String answer = RawHttp.exchange(port, "POST /webhooks/voipbin/" + WEBHOOK_SECRET + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Forwarded-For: " + client + "\r\nContent-Type: application/json\r\nContent-Length: 1000", "{\"type\":",
                Duration.ofSeconds(15));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(answer.isEmpty() || RawHttp.status(answer) >= 400).as(answer).isTrue();
    }

    @Test
    void pagesCarryTheirHeadersAndHstsAndSecureCookiesOnlyOverTls() throws Exception {
        HttpResponse<String> plain = send(request("/login").GET());
        assertThat(plain.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'",
                "frame-ancestors 'none'");
        assertThat(plain.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");

        HttpResponse<String> overTls = send(request("/login").header("X-Forwarded-Proto", "https").GET());
        assertThat(overTls.headers().firstValue("Strict-Transport-Security").orElseThrow()).contains("max-age=");
        assertThat(overTls.headers().firstValue("Set-Cookie").orElseThrow()).contains("campaign_session=", "Secure",
                "HttpOnly", "SameSite=Strict");
    }

    /** The login form as a browser fills it in: its page first (a session and its CSRF token), then the token. */
    private HttpResponse<String> logIn(String token) throws Exception {
        HttpResponse<String> form = send(request("/login").GET());
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        return send(request("/login").header("Cookie", form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&_csrf=" + csrf.group(1))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Forwarded-For", client);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String rawPath, String headers) throws IOException {
        return RawHttp.exchange(port, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: " + client + "\r\n"
                + headers + "Connection: close", "", QUICKLY);
    }

    /** A POST that announces a body it never sends: the answer must come without it. */
    private String post(String rawPath, String headers) throws IOException {
        return RawHttp.exchange(port, "POST " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: " + client + "\r\n"
                + headers.strip(), "", QUICKLY);
    }
}
