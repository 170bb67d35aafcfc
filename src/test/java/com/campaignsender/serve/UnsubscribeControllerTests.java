package com.campaignsender.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.operate.CampaignPreview;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unsubscribe links as recipients use them, over HTTP: the link a message carried is fetched
 * (which must change nothing: mail scanners fetch every link) and then posted one-click, as a
 * mail client does (RFC 8058). The page needs no login even where the operators' pages do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=servlet", "campaign.server.public-url=https://campaigns.example.com/",
        "campaign.server.token=operators-only-0123456789abcdef" })
// Its own database: the suppression list is state other classes must not see.
@DirtiesContext
class UnsubscribeControllerTests {

    private static final Pattern LINK = Pattern.compile("https://campaigns\\.example\\.com(/unsubscribe/[^\"<\\s]+)");

    @TempDir
    Path dir;

    @LocalServerPort
    private int port;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SuppressionList suppression;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private UnsubscribeLinks links;

    @Autowired
    private CampaignPreview preview;

    private final HttpClient http = HttpClient.newHttpClient();

    private Path campaign(String name, String... addresses) throws Exception {
        Files.writeString(dir.resolve("subject.ftl"), "News");
        Files.writeString(dir.resolve("body.html.ftl"), "<p>Hello ${name}</p><p><a href=\"${unsubscribe_url}\">Unsubscribe</a></p>");
        StringBuilder list = new StringBuilder("email,name\n");
        for (String address : addresses) {
            list.append(address).append(",Reader\n");
        }
        Files.writeString(dir.resolve(name + ".csv"), list);
        return Files.writeString(dir.resolve(name + ".yml"), String.join("\n", List.of("name: " + name, "channel: email",
                "provider: voipbin", "sender: { address: news@example.com }", "recipients: { file: " + name + ".csv }",
                "template: { subject: subject.ftl, html: body.html.ftl }", "unsubscribe: true",
                "reconcile: { poll-interval: 200ms, timeout: 1m }")));
    }

    /** The path of the unsubscribe link in the message the provider got for {@code address}. */
    private String linkSentTo(String address) {
        String content = sandbox.store().created(message -> message.to().equals(address)).get(0).content();
        Matcher matcher = LINK.matcher(content);
        assertThat(matcher.find()).as(content).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<Integer, LedgerLine> rows(RunOutcome outcome) {
        return LedgerRows.of(ledger, outcome.run().id());
    }

    @Test
    void aRenderedLinkPostedOneClickSuppressesExactlyThatAddressAndALaterListRejectsIt() throws Exception {
        RunOutcome first = runner.run(campaign("spring-news", "ann@rights.example.com", "bob@rights.example.com"),
                Optional.empty());
        String annLink = linkSentTo("ann@rights.example.com");

        HttpResponse<String> page = get(annLink);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("a***@rights.example.com", "<form method=\"post\">",
                "name=\"List-Unsubscribe\" value=\"One-Click\"").doesNotContain("ann@rights.example.com", "/logout");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'none'", "form-action 'self'"));
        assertThat(suppression.find(List.of("ann@rights.example.com"))).as("a GET alone unsubscribes nobody").isEmpty();

        HttpResponse<String> done = post(annLink, "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed", "a***@rights.example.com");
        SuppressionList.Entry entry = suppression.find(List.of("ann@rights.example.com")).get("ann@rights.example.com");
        assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.UNSUBSCRIBE);
        assertThat(entry.source()).isEqualTo("unsubscribe link of spring-news run " + first.run().id());
        assertThat(suppression.find(List.of("bob@rights.example.com"))).as("only that address").isEmpty();

        HttpResponse<String> again = post(annLink, "List-Unsubscribe=One-Click");
        assertThat(again.statusCode()).as("a repeat is harmless").isEqualTo(200);
        assertThat(again.body()).contains("Already unsubscribed");
        assertThat(get(annLink).body()).contains("Already unsubscribed");

        RunOutcome later = runner.run(campaign("summer-news", "ann@rights.example.com", "bob@rights.example.com"),
                Optional.empty());
        Map<Integer, LedgerLine> rows = rows(later);
        assertThat(rows.get(1).state()).isEqualTo(DeliveryState.REJECTED);
        assertThat(rows.get(1).error()).startsWith("suppressed: unsubscribe (unsubscribe link of spring-news run "
                + first.run().id());
        assertThat(rows.get(2).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aTamperedOrUnknownLinkIsRefusedAndChangesNothing() throws Exception {
        runner.run(campaign("autumn-news", "cy@rights.example.com", "di@rights.example.com"), Optional.empty());
        String link = linkSentTo("cy@rights.example.com");
        String signature = link.substring(link.lastIndexOf('.') + 1);
        String otherRow = link.replaceFirst("\\.1\\.", ".2.");
        String otherSignature = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
        String unknownRun = URI.create(links.urlFor(987654, 1)).getPath();

        assertThat(otherRow).isNotEqualTo(link);
        for (String tampered : List.of(otherRow, otherSignature, "/unsubscribe/" + signature, "/unsubscribe/1.1.short")) {
            assertThat(post(tampered, "List-Unsubscribe=One-Click").statusCode()).as(tampered).isEqualTo(400);
            assertThat(get(tampered).statusCode()).as(tampered).isEqualTo(400);
        }
        assertThat(post(unknownRun, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(get(unknownRun).body()).contains("Link not found");
        assertThat(post(link, "confirm=yes").statusCode()).as("a POST that is not one-click").isEqualTo(400);

        assertThat(suppression.find(List.of("cy@rights.example.com", "di@rights.example.com"))).isEmpty();
    }

    @Test
    void aPreviewShowsEachRowsLinkAndItUnsubscribesNobody() throws Exception {
        List<CampaignPreview.Row> shown = new ArrayList<>();
        preview.preview(campaign("winter-news", "el@rights.example.com"), Optional.empty(), 1, shown::add);

        String link = shown.get(0).message().unsubscribeUrl();
        assertThat(link).startsWith("https://campaigns.example.com/unsubscribe/0.1.");
        assertThat(shown.get(0).message().html()).contains("href=\"" + link + "\"");
        assertThat(post(URI.create(link).getPath(), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(suppression.find(List.of("el@rights.example.com"))).isEmpty();
    }
}
