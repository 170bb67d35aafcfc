package com.campaignsender.gateway.infobip;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderHttp;
import com.campaignsender.gateway.TestProviders;
import com.campaignsender.gateway.ProviderContracts;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact requests Infobip receives from our email gateway, and how its answers are read. */
class InfobipGatewayContractTests {

    private static final String API_KEY = "ib-key-5a1f0c";
    private static final byte[] PDF = "%PDF-1.4 guide".getBytes(StandardCharsets.US_ASCII);

    private final WireMockServer infobip = new WireMockServer(options().dynamicPort());
    private final JsonMapper json = JsonMapper.builder().build();
    private final CloseableHttpClient http = ProviderHttp.newClient();

    @BeforeEach
    void start() {
        infobip.start();
    }

    /**
     * Every send a test made, whatever it asserts, checked against Infobip's field list and limits
     * (providers.md); a file part is checked by its name.
     */
    @AfterEach
    void stop() throws IOException {
        infobip.findAll(postRequestedFor(urlPathEqualTo("/email/3/send"))).forEach(request -> {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            request.getParts().forEach(part -> fields.computeIfAbsent(part.getName(), name -> new ArrayList<>())
                    .add(part.getName().equals("attachment") ? "file" : part.getBody().asString()));
            ProviderContracts.assertInfobipSend(fields);
        });
        infobip.stop();
        http.close();
    }

    private MessageGateway gateway(Envelope envelope) {
        return TestProviders.registry(Map.of("campaign.providers.infobip.base-url", infobip.baseUrl(),
                "campaign.providers.infobip.api-key", API_KEY, "campaign.providers.infobip.timeout", "2s"), null)
                .account("infobip").gateway(Channel.EMAIL, envelope);
    }

    private static Envelope fullEnvelope() {
        return new Envelope("news@example.com", "Example News", List.of("cc@example.com"),
                List.of("archive@example.com", "audit@example.com"),
                List.of(new Envelope.Attachment("guide.pdf", "application/pdf", PDF)),
                Map.of("notifyUrl", "https://hooks.example.com/infobip", "trackingUrl", "https://hooks.example.com/track",
                        "ipPoolId", "pool-7", "track", "true"));
    }

    private static SendRequest email(String to) {
        return new SendRequest("newsletter-4-12", to, "December issue", "<p>Hi</p>", "Hi", null);
    }

    @Test
    void postsMultipartWithEveryFieldAndTheMessageIdWeChose() {
        infobip.stubFor(post(urlPathEqualTo("/email/3/send")).willReturn(okJson("""
                {"bulkId": "newsletter-4-12", "messages": [{"to": "ann@example.com", "messageId": "newsletter-4-12",
                 "status": {"groupId": 1, "groupName": "PENDING", "id": 26, "name": "PENDING_ACCEPTED",
                            "description": "Message accepted, pending for delivery."}}]}""")));

        SendOutcome outcome = gateway(fullEnvelope()).send(email("ann@example.com"));

        assertThat(outcome).isEqualTo(SendOutcome.accepted("newsletter-4-12", "PENDING_ACCEPTED", null));
        infobip.verify(postRequestedFor(urlPathEqualTo("/email/3/send"))
                .withHeader("Authorization", equalTo("App " + API_KEY))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withRequestBodyPart(aMultipart("from").withBody(equalTo("Example News <news@example.com>")).build())
                .withRequestBodyPart(aMultipart("to").withBody(equalToJson(
                        "{\"to\": \"ann@example.com\", \"messageId\": \"newsletter-4-12\"}")).build())
                .withRequestBodyPart(aMultipart("cc").withBody(equalTo("cc@example.com")).build())
                .withRequestBodyPart(aMultipart("subject").withBody(equalTo("December issue")).build())
                .withRequestBodyPart(aMultipart("text").withBody(equalTo("Hi")).build())
                .withRequestBodyPart(aMultipart("html").withBody(equalTo("<p>Hi</p>")).build())
                .withRequestBodyPart(aMultipart("bulkId").withBody(equalTo("newsletter-4-12")).build())
                .withRequestBodyPart(aMultipart("notifyUrl").withBody(equalTo("https://hooks.example.com/infobip")).build())
                .withRequestBodyPart(aMultipart("trackingUrl").withBody(equalTo("https://hooks.example.com/track")).build())
                .withRequestBodyPart(aMultipart("ipPoolId").withBody(equalTo("pool-7")).build())
                .withRequestBodyPart(aMultipart("track").withBody(equalTo("true")).build())
                .withRequestBodyPart(aMultipart("attachment").withHeader("Content-Type", equalTo("application/pdf"))
                        .withHeader("Content-Disposition", containing("filename=\"guide.pdf\""))
                        .withBody(binaryEqualTo(PDF)).build()));
        LoggedRequest request = infobip.findAll(postRequestedFor(urlPathEqualTo("/email/3/send"))).get(0);
        List<String> bcc = request.getParts().stream().filter(part -> part.getName().equals("bcc"))
                .map(part -> part.getBody().asString()).toList();
        assertThat(bcc).containsExactly("archive@example.com", "audit@example.com");
        assertThat(request.getParts()).extracting(part -> part.getName())
                .doesNotContain("templateId", "sendAt", "replyTo");
    }

    @Test
    void anUnsubscribeLinkTravelsAsTheOneClickHeaders() {
        infobip.stubFor(post(urlPathEqualTo("/email/3/send")).willReturn(okJson("{\"messages\": [{\"messageId\": \"m\"}]}")));
        String link = "https://campaigns.example.com/unsubscribe/4.12.abcdefghijklmnopqrstuv";
        gateway(Envelope.from("news@example.com", "")).send(new SendRequest("r-4-12", "ann@example.com", "S", null, "Hi", link));

        infobip.verify(postRequestedFor(urlPathEqualTo("/email/3/send")).withRequestBodyPart(aMultipart("headers")
                .withBody(equalToJson("{\"List-Unsubscribe\": \"<" + link + ">\","
                        + " \"List-Unsubscribe-Post\": \"List-Unsubscribe=One-Click\"}")).build()));
    }

    @Test
    void leavesOutWhatTheCampaignDoesNotHave() {
        infobip.stubFor(post(urlPathEqualTo("/email/3/send")).willReturn(okJson("{\"messages\": [{\"messageId\": \"m\"}]}")));
        gateway(Envelope.from("news@example.com", "")).send(new SendRequest("r-1-1", "ann@example.com", "S", null, "Hi", null));
        LoggedRequest request = infobip.findAll(postRequestedFor(urlPathEqualTo("/email/3/send"))).get(0);
        assertThat(request.getParts()).extracting(part -> part.getName())
                .containsExactlyInAnyOrder("from", "to", "subject", "text", "bulkId");
        assertThat(request.getPart("from").getBody().asString()).isEqualTo("news@example.com");
    }

    @Test
    void classifiesEveryKindOfAnswerAndKeepsTheKeyOutOfTheReason() {
        MessageGateway gateway = gateway(Envelope.from("news@example.com", "News"));
        answer("bad@example.com", aResponse().withStatus(400).withBody(
                "{\"requestError\": {\"serviceException\": {\"messageId\": \"BAD_REQUEST\", \"text\": \"Invalid destination " + API_KEY + "\"}}}"));
        answer("auth@example.com", aResponse().withStatus(401));
        answer("forbidden@example.com", aResponse().withStatus(403));
        answer("busy@example.com", aResponse().withStatus(429).withHeader("Retry-After", "2"));
        answer("down@example.com", aResponse().withStatus(500));
        answer("proxy@example.com", aResponse().withStatus(502));
        answer("lost@example.com", aResponse().withFault(Fault.EMPTY_RESPONSE));

        SendOutcome bad = gateway.send(email("bad@example.com"));
        assertThat(bad.kind()).isEqualTo(Kind.PERMANENT_FAILURE);
        assertThat(bad.detail()).startsWith("POST /email/3/send: HTTP 400").contains("Invalid destination")
                .doesNotContain(API_KEY);
        assertThat(gateway.send(email("auth@example.com")).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(gateway.send(email("forbidden@example.com")).kind()).isEqualTo(Kind.UNAUTHORIZED);
        SendOutcome busy = gateway.send(email("busy@example.com"));
        assertThat(busy.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(gateway.send(email("down@example.com")).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(gateway.send(email("proxy@example.com")).kind()).isEqualTo(Kind.NO_ANSWER);
        assertThat(gateway.send(email("lost@example.com")).kind()).isEqualTo(Kind.NO_ANSWER);
    }

    private void answer(String to, ResponseDefinitionBuilder response) {
        infobip.stubFor(post(urlPathEqualTo("/email/3/send"))
                .withMultipartRequestBody(aMultipart("to").withBody(containing(to)))
                .willReturn(response));
    }

    @Test
    void drainsDeliveryReportsUntilAPageIsShortAndMapsStatusGroups() {
        infobip.stubFor(get(urlPathEqualTo("/email/1/reports")).willReturn(okJson("""
                {"results": [
                  {"bulkId": "b", "messageId": "n-1-1", "to": "a@example.com", "status": {"groupId": 3, "groupName": "DELIVERED", "name": "DELIVERED_TO_HANDSET"}},
                  {"bulkId": "b", "messageId": "n-1-2", "to": "b@example.com", "status": {"groupId": 2, "groupName": "UNDELIVERABLE", "name": "UNDELIVERABLE_REJECTED_OPERATOR"}},
                  {"bulkId": "b", "messageId": "n-1-3", "to": "c@example.com", "status": {"groupId": 4, "groupName": "EXPIRED", "name": "EXPIRED_EXPIRED"}},
                  {"bulkId": "b", "messageId": "n-1-4", "to": "d@example.com", "status": {"groupId": 5, "groupName": "REJECTED", "name": "REJECTED_DESTINATION"}},
                  {"bulkId": "b", "messageId": "n-1-5", "to": "e@example.com", "status": {"groupId": 1, "groupName": "PENDING", "name": "PENDING_ENROUTE"}}]}""")));

        List<ProviderStatus> statuses = new ArrayList<>();
        ((StatusFeed.Reports) gateway(Envelope.from("news@example.com", "")).statusFeed()).drain(statuses::addAll);

        assertThat(statuses).extracting(ProviderStatus::outcome).containsExactly(DeliveryOutcome.DELIVERED,
                DeliveryOutcome.BOUNCED, DeliveryOutcome.EXPIRED, DeliveryOutcome.FAILED, DeliveryOutcome.IN_FLIGHT);
        assertThat(statuses.get(1)).isEqualTo(new ProviderStatus("n-1-2", "b@example.com",
                "UNDELIVERABLE_REJECTED_OPERATOR", DeliveryOutcome.BOUNCED));
        infobip.verify(1, getRequestedFor(urlPathEqualTo("/email/1/reports"))
                .withQueryParam("limit", equalTo(String.valueOf(InfobipEmailGateway.REPORTS_LIMIT)))
                .withHeader("Authorization", equalTo("App " + API_KEY)));
    }

    @Test
    void findsAnUnansweredSendInTheLogsByTheMessageIdWeChose() {
        infobip.stubFor(get(urlPathEqualTo("/email/1/logs")).withQueryParam("messageId", equalTo("newsletter-4-12"))
                .willReturn(okJson("""
                        {"results": [{"bulkId": "newsletter-4-12", "messageId": "newsletter-4-12", "to": "ann@example.com",
                          "status": {"groupId": 3, "groupName": "DELIVERED", "name": "DELIVERED_TO_HANDSET"}}]}""")));
        infobip.stubFor(get(urlPathEqualTo("/email/1/logs")).withQueryParam("messageId", equalTo("newsletter-4-13"))
                .willReturn(okJson("{\"results\": []}")));
        MessageGateway gateway = gateway(Envelope.from("news@example.com", ""));

        SentSearch search = gateway.searchSent(List.of(email("ann@example.com"),
                new SendRequest("newsletter-4-13", "bob@example.com", "S", null, "Hi", null)), Instant.EPOCH, null);
        Map<String, ProviderStatus> found = new HashMap<>();
        while (!search.done()) {
            found.putAll(search.next());
        }

        assertThat(found).containsExactly(Map.entry("newsletter-4-12",
                new ProviderStatus("newsletter-4-12", "ann@example.com", "DELIVERED_TO_HANDSET", DeliveryOutcome.DELIVERED)));
        infobip.verify(2, getRequestedFor(urlPathEqualTo("/email/1/logs")).withHeader("Authorization", equalTo("App " + API_KEY)));
    }
}
