package com.campaignsender.gateway.voipbin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.DeliveryOutcome;
import com.campaignsender.gateway.Envelope;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderHttp;
import com.campaignsender.gateway.TestProviders;
import com.campaignsender.gateway.ProviderContracts;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendOutcome.Kind;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;
import com.campaignsender.gateway.ProviderStatus.Feedback;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact requests VoIPBIN receives from our gateways, and how its answers are read. */
class VoipbinGatewayContractTests {

    private static final String TOKEN = "eyJ.secret-token/with+chars";

    private final WireMockServer voipbin = new WireMockServer(options().dynamicPort());
    private final JsonMapper json = JsonMapper.builder().build();
    private final CloseableHttpClient http = ProviderHttp.newClient();

    @BeforeEach
    void start() {
        voipbin.start();
    }

    /** Every request a test made, whatever it asserts, checked against VoIPBIN's own contract (providers.md). */
    @AfterEach
    void stop() throws IOException {
        voipbin.getAllServeEvents().stream().map(event -> event.getRequest())
                .filter(request -> request.getMethod().getName().equals("POST")).forEach(request -> {
                    if (request.getUrl().startsWith("/v1.0/emails")) {
                        ProviderContracts.assertVoipbinEmail(request.getBodyAsString());
                    }
                    else {
                        ProviderContracts.assertVoipbinMessage(request.getBodyAsString());
                    }
                });
        voipbin.stop();
        http.close();
    }

    private MessageGateway gateway(Channel channel, String token, String accesskey) {
        return gateway(channel, token, accesskey, voipbin.baseUrl(), Duration.ofSeconds(2));
    }

    private MessageGateway gateway(Channel channel, String token, String accesskey, String baseUrl, Duration timeout) {
        Envelope envelope = channel == Channel.EMAIL ? Envelope.from("news@example.com", "Example News")
                : Envelope.from("+15551234567", "");
        Map<String, String> properties = new HashMap<>(Map.of("campaign.providers.voipbin.base-url", baseUrl + "/v1.0",
                "campaign.providers.voipbin.timeout", timeout.toMillis() + "ms"));
        if (token != null) {
            properties.put("campaign.providers.voipbin.token", token);
        }
        if (accesskey != null) {
            properties.put("campaign.providers.voipbin.accesskey", accesskey);
        }
        return TestProviders.registry(properties, null).account("voipbin").gateway(channel, envelope);
    }

    private static SendRequest email(String to) {
        return new SendRequest("welcome-1-1", to, "Welcome", "<p>Hi</p>", null, null);
    }

    @Test
    void postsOneEmailWithTheTokenAsQueryParameter() {
        voipbin.stubFor(post(urlPathEqualTo("/v1.0/emails")).willReturn(okJson("""
                {"id": "e1", "customer_id": "c1", "status": "initiated", "tm_create": "2025-03-14 19:04:01.160250"}""")));

        SendOutcome outcome = gateway(Channel.EMAIL, TOKEN, null).send(email("ann@example.com"));

        assertThat(outcome).isEqualTo(SendOutcome.accepted("e1", "initiated", null,
                Instant.parse("2025-03-14T19:04:01.160250Z")));
        voipbin.verify(postRequestedFor(urlPathEqualTo("/v1.0/emails"))
                .withQueryParam("token", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"destinations": [{"type": "email", "target": "ann@example.com"}],
                         "subject": "Welcome", "content": "<p>Hi</p>", "attachments": []}""")));
    }

    @Test
    void anAcceptedEmailWhoseAnswerCannotBeReadIsInDoubt() {
        MessageGateway gateway = gateway(Channel.EMAIL, TOKEN, null);
        answer("html@example.com", aResponse().withStatus(200).withBody("<html>created</html>"));
        answer("noid@example.com", okJson("{\"status\": \"initiated\", \"destinations\": [{\"id\": \"d1\"}]}"));

        SendOutcome unreadable = gateway.send(email("html@example.com"));
        SendOutcome withoutId = gateway.send(email("noid@example.com"));

        assertThat(unreadable.kind()).isEqualTo(Kind.NO_ANSWER);
        assertThat(unreadable.detail()).isEqualTo("POST /emails: HTTP 200 with an answer that is not the JSON expected;"
                + " the message may have been created");
        assertThat(withoutId.kind()).as("the id of a destination is not the email's").isEqualTo(Kind.NO_ANSWER);
        assertThat(withoutId.detail()).isEqualTo("POST /emails: HTTP 200 without the message's id; the message may have been created");
    }

    @Test
    void sendsAnAccesskeyWhenThereIsNoToken() {
        voipbin.stubFor(post(urlPathEqualTo("/v1.0/emails")).willReturn(okJson("{\"id\": \"e1\", \"status\": \"initiated\"}")));
        gateway(Channel.EMAIL, null, "ak-123").send(email("ann@example.com"));
        voipbin.verify(postRequestedFor(urlPathEqualTo("/v1.0/emails")).withQueryParam("accesskey", equalTo("ak-123")));
    }

    @Test
    void postsOneSmsFromAnE164SourceAndReadsItsSegments() {
        voipbin.stubFor(post(urlPathEqualTo("/v1.0/messages")).willReturn(okJson("""
                {"id": "m1", "type": "sms", "direction": "outbound",
                 "targets": [{"destination": {"type": "tel", "target": "+12025551001"}, "status": "queued", "parts": 2}]}""")));

        SendOutcome outcome = gateway(Channel.SMS, TOKEN, null)
                .send(new SendRequest("r-1-1", "+12025551001", null, null, "Hi Ann", null));

        assertThat(outcome).isEqualTo(SendOutcome.accepted("m1", "queued", 2));
        voipbin.verify(postRequestedFor(urlPathEqualTo("/v1.0/messages")).withQueryParam("token", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"source": {"type": "tel", "target": "+15551234567"},
                         "destinations": [{"type": "tel", "target": "+12025551001"}], "text": "Hi Ann"}""")));
    }

    @Test
    void classifiesEveryKindOfAnswerAndKeepsTheTokenOutOfTheReason() {
        MessageGateway gateway = gateway(Channel.EMAIL, TOKEN, null);
        answer("bad@example.com", aResponse().withStatus(400).withBody("{\"message\": \"bad destination, token=" + TOKEN + "\"}"));
        answer("auth@example.com", aResponse().withStatus(401));
        answer("busy@example.com", aResponse().withStatus(429).withHeader("Retry-After", "3"));
        answer("down@example.com", aResponse().withStatus(503));
        answer("gateway@example.com", aResponse().withStatus(504));
        answer("reset@example.com", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        SendOutcome bad = gateway.send(email("bad@example.com"));
        assertThat(bad.kind()).isEqualTo(Kind.PERMANENT_FAILURE);
        assertThat(bad.detail()).contains("HTTP 400", "bad destination").doesNotContain(TOKEN);
        assertThat(gateway.send(email("auth@example.com")).kind()).isEqualTo(Kind.UNAUTHORIZED);
        SendOutcome busy = gateway.send(email("busy@example.com"));
        assertThat(busy.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(gateway.send(email("down@example.com")).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(gateway.send(email("gateway@example.com")).kind()).isEqualTo(Kind.NO_ANSWER);
        SendOutcome reset = gateway.send(email("reset@example.com"));
        assertThat(reset.kind()).isEqualTo(Kind.NO_ANSWER);
        assertThat(reset.detail()).doesNotContain(TOKEN);
        // The HTTP client never retries a POST by itself: retrying is the sender's decision.
        for (String to : List.of("down@example.com", "gateway@example.com", "reset@example.com")) {
            voipbin.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/emails")).withRequestBody(sentTo(to)));
        }
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsInDoubtAndARefusedConnectionIsNot() throws Exception {
        answer("slow@example.com", aResponse().withFixedDelay(1_000).withBody("{}"));
        MessageGateway impatient = gateway(Channel.EMAIL, TOKEN, null, voipbin.baseUrl(), Duration.ofMillis(200));

        SendOutcome slow = impatient.send(email("slow@example.com"));

        assertThat(slow.kind()).isEqualTo(Kind.NO_ANSWER);
        assertThat(slow.detail()).startsWith("POST /emails: ").contains("Timeout").doesNotContain(TOKEN);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SendOutcome refused = gateway(Channel.EMAIL, TOKEN, null, "http://127.0.0.1:" + closedPort, Duration.ofSeconds(2))
                .send(email("ann@example.com"));
        assertThat(refused.kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
        assertThat(refused.detail()).doesNotContain(TOKEN);
    }

    private void answer(String to, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        voipbin.stubFor(post(urlPathEqualTo("/v1.0/emails")).withRequestBody(sentTo(to)).willReturn(response));
    }

    private static StringValuePattern sentTo(String to) {
        return com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.destinations[0].target", equalTo(to));
    }

    @Test
    void pagesThroughTheListNewestFirstUntilTheRunsStart() {
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_size", equalTo("100"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("""
                        {"result": [
                          {"id": "e3", "status": "bounce", "destinations": [{"type": "email", "target": "c@example.com"}], "tm_create": "2026-01-01 10:00:03.000000"},
                          {"id": "e2", "status": "processed", "destinations": [{"type": "email", "target": "b@example.com"}], "tm_create": "2026-01-01 10:00:02.000000"}],
                         "next_page_token": "2026-01-01 10:00:02.000000"}""")));
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_token", equalTo("2026-01-01 10:00:02.000000"))
                .willReturn(okJson("""
                        {"result": [
                          {"id": "e1", "status": "delivered", "destinations": [{"type": "email", "target": "a@example.com"}], "tm_create": "2026-01-01 10:00:01.000000"},
                          {"id": "e0", "status": "delivered", "destinations": [{"type": "email", "target": "z@example.com"}], "tm_create": "2025-12-31 23:00:00.000000"}],
                         "next_page_token": "2025-12-31 23:00:00.000000"}""")));

        List<ProviderStatus> statuses = new ArrayList<>();
        ((StatusFeed.ByCreation) gateway(Channel.EMAIL, TOKEN, null).statusFeed())
                .list(Instant.parse("2026-01-01T10:00:00Z"), null, statuses::addAll);

        assertThat(statuses).extracting(ProviderStatus::providerMessageId).containsExactly("e3", "e2", "e1");
        assertThat(statuses).extracting(ProviderStatus::createdAt).startsWith(Instant.parse("2026-01-01T10:00:03Z"));
        assertThat(statuses).extracting(ProviderStatus::outcome)
                .startsWith(DeliveryOutcome.BOUNCED, DeliveryOutcome.IN_FLIGHT, DeliveryOutcome.DELIVERED);
        voipbin.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/emails")).withQueryParam("token", equalTo(TOKEN)));
    }

    @Test
    void aSliceEndingBetweenTwoMicrosecondsListsTheMessageCreatedInTheFirst() {
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_token", equalTo("2026-01-01 10:00:02.000001"))
                .willReturn(okJson("""
                        {"result": [
                          {"id": "e2", "status": "delivered", "destinations": [{"type": "email", "target": "b@example.com"}], "tm_create": "2026-01-01 10:00:02.000000"},
                          {"id": "e1", "status": "delivered", "destinations": [{"type": "email", "target": "a@example.com"}], "tm_create": "2026-01-01 10:00:01.000000"}],
                         "next_page_token": ""}""")));

        List<ProviderStatus> statuses = new ArrayList<>();
        ((StatusFeed.ByCreation) gateway(Channel.EMAIL, TOKEN, null).statusFeed())
                .list(Instant.parse("2026-01-01T10:00:01.0000005Z"), Instant.parse("2026-01-01T10:00:02.0000005Z"), statuses::addAll);

        assertThat(statuses).as("e2 is before the slice's end; e1 before its start").extracting(ProviderStatus::providerMessageId)
                .containsExactly("e2");
    }

    @Test
    void mapsEveryDocumentedStatus() {
        assertThat(VoipbinEmailGateway.outcome("initiated")).isEqualTo(DeliveryOutcome.IN_FLIGHT);
        assertThat(VoipbinEmailGateway.outcome("deferred")).isEqualTo(DeliveryOutcome.IN_FLIGHT);
        assertThat(VoipbinEmailGateway.outcome("open")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(VoipbinEmailGateway.outcome("click")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(VoipbinEmailGateway.outcome("unsubscribe")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(VoipbinEmailGateway.outcome("bounce")).isEqualTo(DeliveryOutcome.BOUNCED);
        assertThat(VoipbinEmailGateway.outcome("dropped")).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(VoipbinSmsGateway.outcome("sent")).isEqualTo(DeliveryOutcome.IN_FLIGHT);
        assertThat(VoipbinSmsGateway.outcome("delivered")).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(VoipbinSmsGateway.outcome("failed")).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(VoipbinSmsGateway.outcome("gw_timeout")).isEqualTo(DeliveryOutcome.EXPIRED);
        assertThat(VoipbinSmsGateway.outcome("dlr_timeout")).isEqualTo(DeliveryOutcome.EXPIRED);
    }

    @Test
    void findsAnUnansweredSendByRecipientAndContentAmongWhatWasCreatedWhileItWasOut() {
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).willReturn(okJson("""
                {"result": [
                  {"id": "e3", "status": "initiated", "destinations": [{"type": "email", "target": "ann@example.com"}],
                   "subject": "Welcome", "content": "<p>Other</p>", "tm_create": "2026-01-01 10:00:03.000000"},
                  {"id": "e2", "status": "processed", "destinations": [{"type": "email", "target": "ann@example.com"}],
                   "subject": "Welcome", "content": "<p>Hi</p>", "tm_create": "2026-01-01 10:00:02.000000"},
                  {"id": "e1", "status": "delivered", "destinations": [{"type": "email", "target": "bob@example.com"}],
                   "subject": "Welcome", "content": "<p>Hi</p>", "tm_create": "2026-01-01 10:00:01.000000"}],
                 "next_page_token": ""}""")));
        MessageGateway gateway = gateway(Channel.EMAIL, TOKEN, null);

        Map<String, ProviderStatus> found = all(gateway.searchSent(List.of(email("ann@example.com"),
                new SendRequest("welcome-1-2", "cy@example.com", "Welcome", "<p>Hi</p>", null, null)),
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:05Z")));

        assertThat(found).containsExactly(Map.entry("welcome-1-1",
                new ProviderStatus("e2", "ann@example.com", "processed", DeliveryOutcome.IN_FLIGHT, Feedback.NONE,
                        Instant.parse("2026-01-01T10:00:02Z"))));
        voipbin.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/emails"))
                .withQueryParam("page_token", equalTo("2026-01-01 10:00:05.000000")));
    }

    @Test
    void aSearchWhosePageFailsAsksForThatPageAgainAndGoesOnFromThere() {
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_token", equalTo("2026-01-01 10:00:05.000000"))
                .willReturn(okJson("""
                        {"result": [
                          {"id": "e2", "status": "processed", "destinations": [{"type": "email", "target": "bob@example.com"}],
                           "subject": "Welcome", "content": "<p>Hi</p>", "tm_create": "2026-01-01 10:00:02.000000"}],
                         "next_page_token": "2026-01-01 10:00:02.000000"}""")));
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_token", equalTo("2026-01-01 10:00:02.000000"))
                .inScenario("second page").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        voipbin.stubFor(get(urlPathEqualTo("/v1.0/emails")).withQueryParam("page_token", equalTo("2026-01-01 10:00:02.000000"))
                .inScenario("second page").whenScenarioStateIs("recovered")
                .willReturn(okJson("""
                        {"result": [
                          {"id": "e1", "status": "delivered", "destinations": [{"type": "email", "target": "ann@example.com"}],
                           "subject": "Welcome", "content": "<p>Hi</p>", "tm_create": "2026-01-01 10:00:01.000000"}],
                         "next_page_token": ""}""")));
        SentSearch search = gateway(Channel.EMAIL, TOKEN, null).searchSent(List.of(email("ann@example.com")),
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:05Z"));

        assertThat(search.next()).isEmpty();
        assertThatThrownBy(search::next).isInstanceOf(ProviderException.class).hasMessageContaining("HTTP 503");
        assertThat(search.done()).as("a search cut short proves nothing").isFalse();
        assertThat(search.next()).containsOnlyKeys("welcome-1-1");
        assertThat(search.done()).isTrue();
        voipbin.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/emails"))
                .withQueryParam("page_token", equalTo("2026-01-01 10:00:05.000000")));
    }

    private static Map<String, ProviderStatus> all(SentSearch search) {
        Map<String, ProviderStatus> found = new HashMap<>();
        while (!search.done()) {
            found.putAll(search.next());
        }
        return found;
    }
}
