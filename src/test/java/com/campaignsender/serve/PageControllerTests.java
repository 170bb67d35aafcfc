package com.campaignsender.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page over real HTTP, as a browser without JavaScript uses it: log in with the token,
 * upload a list through a campaign's form, follow the run's page to its end and open its report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.token=" + PageControllerTests.TOKEN })
// Its own database and web server.
@DirtiesContext
class PageControllerTests {

    static final String TOKEN = "page-test-token-0123456789abcdef";
    private static final Pattern FORM_SECRET = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    private int port;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private RunLauncher launcher;

    private final HttpClient http = HttpClient.newHttpClient();
    private String cookie;

    /** The tests share the service and its campaigns: each starts once the runs of earlier ones have ended. */
    @BeforeEach
    void nothingSends() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (List.of("welcome-email", "reminder-sms", "newsletter-infobip").stream().anyMatch(launcher::isSending)) {
            assertThat(Instant.now()).as("the runs of earlier tests ended").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @BeforeEach
    void logIn() throws Exception {
        HttpResponse<String> login = logIn(TOKEN);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue(uri("/").toString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure").as("plain HTTP");
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The login form as a browser fills it in: its page first (a session and its CSRF token), then the token. */
    private HttpResponse<String> logIn(String token) throws Exception {
        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/login")).GET().build());
        String anonymous = form.headers().firstValue("Set-Cookie").orElseThrow();
        return send(HttpRequest.newBuilder(uri("/login")).header("Cookie", anonymous.substring(0, anonymous.indexOf(';')))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&_csrf=" + formSecret(form.body()))).build());
    }

    @Test
    void aListUploadedThroughTheFormIsSentAndItsRunFollowedToTheReport() throws Exception {
        HttpResponse<String> front = get("/");
        assertThat(front.statusCode()).isEqualTo(200);
        assertThat(front.body()).contains("welcome-email", "reminder-sms", "action=\"/campaigns/welcome-email/recipients?_csrf=");
        assertThat(front.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(front.body()).doesNotContain("<script");

        HttpResponse<String> upload = upload("welcome-email", formSecret(front.body()),
                Files.readString(Path.of("samples/recipients/welcome.csv")));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
        String runPage = upload.headers().firstValue("Location").orElseThrow();
        assertThat(runPage).matches("/runs/\\d+");

        String review = awaitReady(runPage);
        assertThat(review).as("the page reviews every list before it sends").contains("status READY", "Review before sending",
                "<b>50</b> row(s) would be sent", "<b>6</b> are rejected", "duplicate of row …", "Row 1 to grace.thompson1@example.com",
                "List <b>list.csv</b>", "<button>Send</button>", "name=\"run\" value=\"");
        assertThat(sandbox.store().created(message -> message.to().equals("grace.thompson1@example.com")))
                .as("nothing sent before Send").isEmpty();
        assertThat(press(runPage, "start", "not-the-secret").statusCode()).as("a Send from another site").isEqualTo(403);
        assertThat(get(runPage).body()).contains("status READY");
        assertThat(press(runPage, "start", formSecret(review)).statusCode()).isEqualTo(303);
        HttpResponse<String> done = awaitCompleted(runPage);
        assertThat(done.body()).contains("56</b>rows in the list", "56</b>rows accounted for", "100%",
                "Open the report", "Sends what it started with: files ").doesNotContain("http-equiv=\"refresh\"");
        HttpResponse<String> report = get(runPage + "/files/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("<svg");
        assertThat(get(runPage + "/files/..%2F..%2Fpom.xml").statusCode()).isIn(400, 404);

        assertThat(get("/").body()).contains("href=\"" + runPage + "\"", "COMPLETED");

        assertThat(done.body()).as("a run's rows, a page at a time, and its top reasons").contains("Top reasons",
                "refused the message for good (a hard bounce) (bounce)", "the address is suppressed now",
                "grace.thompson1@example.com", "next 50").doesNotContain("Sending at");
        String bounced = get(runPage + "?state=BOUNCED").body();
        assertThat(bounced).contains("bounce.kim@example.com", "<option selected>BOUNCED</option>")
                .doesNotContain("grace.thompson1@example.com");
        String secondPage = get(runPage + "?page=1").body();
        assertThat(secondPage).as("rows 51 to 56").contains("guido.knuth55@example.com", "previous 50")
                .doesNotContain("grace.thompson1@example.com", "next 50");

        HttpResponse<String> found = get("/recipients?address=Grace.Thompson1%40example.com");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).as("the search box finds the row of the run").contains("grace.thompson1@example.com",
                "href=\"" + runPage + "\"", "DELIVERED", "Not on the suppression list");
        assertThat(get("/recipients?address=%3Cb%3Enobody").body()).as("escaped").contains("&lt;b&gt;nobody")
                .doesNotContain("<b>nobody");
    }

    /** 500 rows at the campaign's 50/s: ten seconds of sending, in which the buttons are pressed. */
    @Test
    void aRunIsPausedResumedAndCancelledWithItsButtons() throws Exception {
        StringBuilder list = new StringBuilder("email,first_name,last_name,plan,city,start_date\n");
        for (int row = 1; row <= 500; row++) {
            list.append("button").append(row).append("@example.com,Ann,Lee,Plus,Utrecht,2026-12-02\n");
        }
        String runPage = uploadAndSend("welcome-email", formSecret(get("/").body()), list.toString());
        String running = get(runPage).body();
        assertThat(running).contains("action=\"" + runPage + "/pause\"", "action=\"" + runPage + "/cancel\"")
                .doesNotContain(runPage + "/resume");

        assertThat(press(runPage, "pause", formSecret(running)).statusCode()).isEqualTo(303);
        String paused = get(runPage).body();
        assertThat(paused).contains("status PAUSED", "action=\"" + runPage + "/resume\"");
        assertThat(press(runPage, "cancel", "not-the-secret").statusCode()).as("a form from elsewhere").isEqualTo(403);

        assertThat(press(runPage, "cancel", formSecret(paused)).statusCode()).isEqualTo(303);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!get(runPage).body().contains("Open the report")) {
            assertThat(Instant.now()).as("the cancelled run reported").isBefore(deadline);
            Thread.sleep(50);
        }
        String cancelled = get(runPage).body();
        assertThat(cancelled).contains("status CANCELLED", "500</b>rows accounted for").doesNotContain("<button>Resume");
        HttpResponse<String> again = press(runPage, "resume", formSecret(cancelled));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("was not changed", "is CANCELLED: it is final");
    }

    @Test
    void theSameListAgainWhileItsRunSendsIsNoRefusalOfItAndARefusedRunSaysWhyItHasNoReport() throws Exception {
        StringBuilder list = new StringBuilder("email,first_name,last_name,plan,city,start_date\n");
        for (int row = 1; row <= 300; row++) {
            list.append("again").append(row).append("@example.com,Ann,Lee,Plus,Utrecht,2026-12-02\n");
        }
        String secret = formSecret(get("/").body());
        String runPage = uploadAndSend("welcome-email", secret, list.toString());

        HttpResponse<String> again = upload("welcome-email", secret, list.toString());
        assertThat(again.headers().firstValue("Location")).as("the run that sends it").contains(runPage);
        String refusedPage = upload("welcome-email", secret,
                "email,first_name,last_name,plan,city,start_date\nother@example.com,Bo,Lee,Plus,Utrecht,2026-12-02\n")
                .headers().firstValue("Location").orElseThrow();
        assertThat(refusedPage).isNotEqualTo(runPage);
        assertThat(get(refusedPage).body()).contains("REFUSED", "Starts of this run that were refused",
                "none: the run was not started", "the list is loaded when the run starts")
                .doesNotContain("when the run ends", "The list is being loaded");

        assertThat(press(runPage, "cancel", formSecret(get(runPage).body())).statusCode()).isEqualTo(303);
        Instant deadline = Instant.now().plusSeconds(60);
        String ended = get(runPage).body();
        while (!ended.contains("Open the report")) {
            assertThat(Instant.now()).as("the cancelled run reported").isBefore(deadline);
            Thread.sleep(100);
            ended = get(runPage).body();
        }
        assertThat(ended).as("its own list again refused nothing of it").doesNotContain("Starts of this run that were refused");

        // The report shows a moment before the run's thread lets go of the campaign: a list uploaded
        // then waits for that moment, it is not refused.
        String next = uploadAndSend("welcome-email", formSecret(ended),
                "email,first_name,last_name,plan,city,start_date\nnext@example.com,Cy,Lee,Plus,Utrecht,2026-12-02\n");
        assertThat(next).isNotIn(runPage, refusedPage);
        assertThat(awaitCompleted(next).body()).as("a list uploaded once the report shows").contains("COMPLETED");
    }

    @Test
    void aTestIsSentThroughItsFormAndNothingIsRecordedAgainstTheList() throws Exception {
        String front = get("/").body();
        assertThat(front).contains("action=\"/campaigns/newsletter-infobip/test\"", "Send a test");

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/campaigns/newsletter-infobip/test")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + formSecret(front)
                        + "&to=qa%40example.com%2C+lead%40example.com&rows=2")).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Test of newsletter-infobip: 4 of 4 message(s) accepted",
                "Row 1 to qa@example.com: accepted", "Row 2 to lead@example.com: accepted");
        assertThat(sandbox.store().created(message -> message.to().equals("qa@example.com")
                || message.to().equals("lead@example.com")))
                .hasSize(4).allSatisfy(message -> assertThat(message.subject()).startsWith("[TEST] "));
        assertThat(answer.body()).as("no run of the campaign").doesNotContain("<td>newsletter-infobip</td>");
    }

    private HttpResponse<String> press(String runPage, String button, String formSecret) throws Exception {
        return send(HttpRequest.newBuilder(uri(runPage + "/" + button)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + formSecret)).build());
    }

    @Test
    void aRefusedListIsShownEscapedWithItsReasonAndNothingIsSent() throws Exception {
        int before = sandbox.store().created(message -> true).size();

        HttpResponse<String> answer = upload("welcome-email", formSecret(get("/").body()),
                "<script>alert(1)</script>,first_name\nann@example.com,Ann\n");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("was not taken", "nothing was sent", "no column &#39;email&#39;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
    }

    @Test
    void aFormPostedWithoutThePagesSecretIsRefused() throws Exception {
        int before = sandbox.store().created(message -> true).size();
        HttpResponse<String> forged = upload("welcome-email", "forged", "email,first_name\nann@example.com,Ann\n");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("reload the page");
        assertThat(launcher.isSending("welcome-email")).isFalse();
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheLoginForm() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
        assertThat(send(HttpRequest.newBuilder(uri("/login")).GET().build()).body()).contains("type=\"password\"");

        HttpResponse<String> wrong = logIn("guess-guess-guess-guess-guess");
        assertThat(wrong.statusCode()).isEqualTo(303);
        assertThat(wrong.headers().firstValue("Location")).hasValue("/login?error");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(uri("/login?error")).GET().build()).body())
                .contains("That is not the service&#39;s token.");
        assertThat(send(HttpRequest.newBuilder(uri("/runs/1/files/report.html")).GET().build()).statusCode()).isEqualTo(303);
        assertThat(send(HttpRequest.newBuilder(uri("/campaigns/welcome-email/recipients"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")).build()).statusCode()).isIn(401, 403);
    }

    /** The session cookie's id changes at login, so an id planted in the browser before it never becomes a session. */
    @Test
    void aSessionIdFromBeforeTheLoginIsNotTheSessionAfterIt() throws Exception {
        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/login")).GET().build());
        String planted = form.headers().firstValue("Set-Cookie").orElseThrow();
        planted = planted.substring(0, planted.indexOf(';'));
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).header("Cookie", planted)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN + "&_csrf=" + formSecret(form.body()))).build());

        String session = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(session.substring(0, session.indexOf(';'))).isNotEqualTo(planted);
        assertThat(send(HttpRequest.newBuilder(uri("/")).header("Cookie", planted).GET().build()).statusCode()).isEqualTo(303);
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        HttpResponse<String> logout = send(HttpRequest.newBuilder(uri("/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + formSecret(get("/").body()))).build());

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(get("/").statusCode()).isEqualTo(303);
    }

    private static String formSecret(String page) {
        Matcher matcher = FORM_SECRET.matcher(page);
        assertThat(matcher.find()).as("the page has a form").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> upload(String campaign, String formSecret, String csv) throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(uri("/campaigns/" + campaign + "/recipients?_csrf=" + formSecret)).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The page reviews every upload: uploads the list, waits for its run READY and presses Send; answers the run's page. */
    private String uploadAndSend(String campaign, String formSecret, String csv) throws Exception {
        HttpResponse<String> upload = upload(campaign, formSecret, csv);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
        String runPage = upload.headers().firstValue("Location").orElseThrow();
        assertThat(press(runPage, "start", formSecret(awaitReady(runPage))).statusCode()).isEqualTo(303);
        return runPage;
    }

    private String awaitReady(String runPage) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String page = get(runPage).body();
        while (!page.contains("status READY")) {
            assertThat(Instant.now()).as("the run loaded for its review").isBefore(deadline);
            Thread.sleep(50);
            page = get(runPage).body();
        }
        return page;
    }

    private HttpResponse<String> awaitCompleted(String runPage) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> page = get(runPage);
            if (page.body().contains("status COMPLETED")) {
                return page;
            }
            assertThat(page.body()).as("the run is still running").contains("http-equiv=\"refresh\"");
            Thread.sleep(50);
        }
        throw new AssertionError(runPage + " did not show the run completed");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
