package com.campaignsender.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerLine;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.ledger.LedgerRows;
import com.campaignsender.ledger.RunControl;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.system.ShutdownSignal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Send windows (SPEC section 15) on a clock the test sets: rows outside their window wait,
 * PENDING with the reason, while the run is RUNNING and says how many wait and until when; they
 * go out when the clock reaches their window. The clock is the system's shifted, so the run's
 * own timing is real; only the hour of the day is the test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=servlet")
// Its own clock, and its own database and web server (the API and the page show a wait).
@DirtiesContext
class SendWindowTests {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @TempDir
    Path dir;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private ShiftedClock clock;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private CampaignRuns runs;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private ShutdownSignal shutdown;

    @AfterEach
    void runningAgain() {
        shutdown.start();
    }

    private Path campaign(String name, String window, String list) throws Exception {
        Files.writeString(dir.resolve(name + ".csv"), list);
        Files.writeString(dir.resolve("text.ftl"), "Your appointment is tomorrow.");
        return Files.writeString(dir.resolve(name + ".yml"), String.join("\n", List.of("name: " + name, "channel: sms",
                "provider: voipbin", "sender: { address: \"+15551234567\" }",
                "recipients: { file: " + name + ".csv, address-column: phone }", "template: { text: text.ftl }",
                "send-window: " + window, "reconcile: { poll-interval: 200ms, timeout: 1m }")));
    }

    private CompletableFuture<RunOutcome> start(Path job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(job, Optional.empty());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** Polls the campaign's run until {@code condition} holds (the run is on another thread). */
    private CampaignRun awaitRun(String campaign, Predicate<CampaignRun> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<CampaignRun> run = runs.list(Optional.of(campaign)).stream().findFirst();
            if (run.isPresent() && condition.test(run.get())) {
                return run.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run of " + campaign + " did not get there: " + runs.list(Optional.of(campaign)));
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private Map<Integer, LedgerLine> rows(CampaignRun run) {
        return LedgerRows.of(ledger, run.id());
    }

    private int sentTo(String number) {
        return sandbox.store().created(message -> message.to().equals(number)).size();
    }

    @Test
    void rowsWaitBeforeTheWindowAndGoOutWhenItOpens() throws Exception {
        ZonedDateTime start = clock.forwardTo(LocalTime.of(7, 30), AMSTERDAM);
        Path job = campaign("morning", "{ from: \"09:00\", to: \"20:00\", zone: Europe/Amsterdam }",
                "phone\n+31612340001\n+31612340002\n+31612340003\n");
        CompletableFuture<RunOutcome> outcome = start(job);

        CampaignRun waiting = awaitRun("morning", run -> run.waiting().isPresent());
        assertThat(waiting.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(waiting.waiting().get().rows()).isEqualTo(3);
        assertThat(waiting.waiting().get().until()).isEqualTo(start.with(LocalTime.of(9, 0)).toInstant());
        assertThat(rows(waiting).values()).allSatisfy(row -> {
            assertThat(row.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(row.error()).isEqualTo("waiting for the send window");
        });
        assertThat(sentTo("+31612340001")).as("nothing goes out before nine").isZero();
        assertThat(outcome).isNotDone();
        JsonNode shown = json.readTree(get("/api/runs/" + waiting.id()));
        assertThat(shown.path("status").asString()).isEqualTo("RUNNING");
        assertThat(shown.path("waitingRows").asInt()).isEqualTo(3);
        assertThat(Instant.parse(shown.path("waitingUntil").asString())).isEqualTo(waiting.waiting().get().until());
        assertThat(get("/runs/" + waiting.id())).contains("3 row(s) wait for the send window; the next opens "
                + start.with(LocalTime.of(9, 0)).withZoneSameInstant(ZoneId.of("UTC")).toLocalDate());

        clock.advance(Duration.ofMinutes(90));
        RunOutcome done = outcome.get();

        assertThat(done.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(rows(done.run()).values()).extracting(LedgerLine::state).containsOnly(DeliveryState.DELIVERED);
        assertThat(runs.find(done.run().id()).orElseThrow().waiting()).isEmpty();
        assertThat(sentTo("+31612340001")).isEqualTo(1);
    }

    @Test
    void inTheRecipientsZonesEachRowGoesOutInItsOwnMorning() throws Exception {
        // 10:00 in Amsterdam is 04:00 in New York and 01:00 in Los Angeles.
        ZonedDateTime start = clock.forwardTo(LocalTime.of(10, 0), AMSTERDAM);
        Path job = campaign("local-hours", "{ from: \"09:00\", to: \"20:00\", zone: recipient }",
                "phone,timezone\n+31612340011,\n+12125552011,\n+31612340012,America/Los_Angeles\n");
        CompletableFuture<RunOutcome> outcome = start(job);

        CampaignRun first = awaitRun("local-hours", run -> run.waiting().isPresent());
        assertThat(first.waiting().get()).isEqualTo(new CampaignRun.Waiting(2,
                start.withZoneSameInstant(ZoneId.of("America/New_York")).with(LocalTime.of(9, 0)).toInstant()));
        assertThat(rows(first).get(1).state()).isNotEqualTo(DeliveryState.PENDING);
        assertThat(sentTo("+31612340011")).isEqualTo(1);
        assertThat(sentTo("+12125552011") + sentTo("+31612340012")).isZero();

        clock.advance(Duration.ofHours(5)); // 09:00 in New York
        CampaignRun second = awaitRun("local-hours", run -> run.waiting().isPresent()
                && run.waiting().get().rows() == 1);
        assertThat(second.waiting().get().until())
                .isEqualTo(start.withZoneSameInstant(ZoneId.of("America/Los_Angeles")).with(LocalTime.of(9, 0)).toInstant());
        assertThat(sentTo("+12125552011")).isEqualTo(1);
        assertThat(sentTo("+31612340012")).as("its timezone column says Los Angeles").isZero();

        clock.advance(Duration.ofHours(3));
        RunOutcome done = outcome.get();
        assertThat(done.result()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(rows(done.run()).values()).extracting(LedgerLine::state).containsOnly(DeliveryState.DELIVERED);
    }

    @Test
    void aStopWhileWaitingLeavesTheRunResumableAndACancelEndsIt() throws Exception {
        clock.forwardTo(LocalTime.of(22, 0), AMSTERDAM);
        Path job = campaign("overnight", "{ from: \"09:00\", to: \"20:00\", zone: Europe/Amsterdam }",
                "phone\n+31612340021\n+31612340022\n");
        CompletableFuture<RunOutcome> outcome = start(job);
        awaitRun("overnight", run -> run.waiting().isPresent());

        shutdown.request();
        RunOutcome stopped = outcome.get();
        assertThat(stopped.result()).isNotEqualTo(RunOutcome.Result.COMPLETED);
        CampaignRun afterStop = runs.find(stopped.run().id()).orElseThrow();
        assertThat(afterStop.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(afterStop.waiting()).isEmpty();
        assertThat(rows(afterStop).values()).extracting(LedgerLine::state).containsOnly(DeliveryState.PENDING);

        shutdown.start();
        CompletableFuture<RunOutcome> resumed = start(job);
        CampaignRun waitingAgain = awaitRun("overnight", run -> run.status() == RunStatus.RUNNING && run.waiting().isPresent());
        assertThat(waitingAgain.id()).as("the same run, resumed").isEqualTo(stopped.run().id());
        assertThat(runs.askControl(waitingAgain.id(), RunControl.CANCEL, Set.of(RunStatus.RUNNING))).isTrue();

        RunOutcome cancelled = resumed.get();
        assertThat(runs.find(cancelled.run().id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(rows(cancelled.run()).values()).extracting(LedgerLine::state).containsOnly(DeliveryState.CANCELLED);
        assertThat(sentTo("+31612340021") + sentTo("+31612340022")).isZero();
    }
}
