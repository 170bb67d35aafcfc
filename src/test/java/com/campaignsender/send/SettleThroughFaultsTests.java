package com.campaignsender.send;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.campaignsender.DatabaseNeutral;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settling when the provider fails its reads (SPEC section 17): a run whose requests all went
 * unanswered, at a provider whose listing fails every call for longer than reconcile.timeout,
 * stops (exit 1) saying how many rows are in doubt, where it once went on to report COMPLETED;
 * the same command, once the listing answers, settles them: the messages the listing shows are
 * the rows', the row it does not show is sent again, once.
 */
@SpringBootTest(properties = "campaign.providers.voipbin.late-create-grace=200ms")
@DatabaseNeutral
class SettleThroughFaultsTests {

    private static final String TOKEN = "settle-token";
    private static final WireMockServer VOIPBIN = new WireMockServer(options().dynamicPort());
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    static {
        VOIPBIN.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("campaign.providers.voipbin.base-url", () -> VOIPBIN.baseUrl() + "/v1.0");
        registry.add("campaign.providers.voipbin.token", () -> TOKEN);
        // A stand-in for VoIPBIN: paced by the campaign's limits.rate, not VoIPBIN's documented 16/s.
        registry.add("campaign.providers.voipbin.rate", () -> "unlimited");
    }

    @AfterAll
    static void stop() {
        VOIPBIN.stop();
    }

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @TempDir
    Path dir;

    @Test
    void rowsInDoubtStopTheRunUntilTheProviderCanBeReadThenEachIsSettledOnce() throws Exception {
        Path job = GeneratedCampaign.write(dir, "settle-faults", "reader", "settle.example.com", 3,
                "{ rate: 100/s, concurrency: 1, chunk: 10, max-attempts: 3, error-threshold: 1.0 }",
                "{ poll-interval: 200ms, timeout: 2s }");
        VOIPBIN.stubFor(post(urlPathEqualTo("/v1.0/emails")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        VOIPBIN.stubFor(get(urlPathEqualTo("/v1.0/emails")).willReturn(aResponse().withStatus(503)));

        RunOutcome stopped = runner.run(job, Optional.empty());

        assertThat(stopped.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(stopped.message()).contains("stopped with 3 rows in doubt",
                "the provider's record could not be read for 2 s (reconcile.timeout): GET /emails: HTTP 503",
                "run the same command again to go on settling them");
        long runId = stopped.run().id();
        assertThat(states(runId).values()).containsExactly(DeliveryState.IN_DOUBT, DeliveryState.IN_DOUBT, DeliveryState.IN_DOUBT);

        // Readers 1 and 2 were created before their answers were lost; reader 3 never was.
        VOIPBIN.resetAll();
        String created = TM.format(Instant.now());
        VOIPBIN.stubFor(get(urlPathEqualTo("/v1.0/emails")).inScenario("resend").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(listing(created, 2))));
        VOIPBIN.stubFor(post(urlPathEqualTo("/v1.0/emails")).inScenario("resend").willSetStateTo("sent again")
                .willReturn(okJson(email(3, created, "initiated"))));
        VOIPBIN.stubFor(get(urlPathEqualTo("/v1.0/emails")).inScenario("resend").whenScenarioStateIs("sent again")
                .willReturn(okJson(listing(created, 3))));

        RunOutcome settled = runner.run(job, Optional.empty());

        assertThat(settled.result()).as(settled.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(states(runId).values()).containsOnly(DeliveryState.DELIVERED);
        Map<Integer, String> ids = new HashMap<>();
        ledger.forEachRow(runId, line -> ids.put(line.row(), line.providerMessageId()));
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of(1, "e1", 2, "e2", 3, "e3"));
        VOIPBIN.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/emails")));
    }

    private Map<Integer, DeliveryState> states(long runId) {
        Map<Integer, DeliveryState> states = new HashMap<>();
        ledger.forEachRow(runId, line -> states.put(line.row(), line.state()));
        return states;
    }

    /** The account's emails, newest first: readers {@code count} down to 1, delivered. */
    private static String listing(String created, int count) {
        StringBuilder result = new StringBuilder();
        for (int reader = count; reader >= 1; reader--) {
            result.append(reader == count ? "" : ",").append(email(reader, created, "delivered"));
        }
        return "{\"result\": [" + result + "], \"next_page_token\": \"\"}";
    }

    private static String email(int reader, String created, String status) {
        return """
                {"id": "e%d", "status": "%s", "destinations": [{"type": "email", "target": "reader%d@settle.example.com"}],
                 "subject": "News for Reader %d", "content": "<p>Hello Reader %d</p>", "tm_create": "%s"}"""
                .formatted(reader, status, reader, reader, reader, created);
    }
}
