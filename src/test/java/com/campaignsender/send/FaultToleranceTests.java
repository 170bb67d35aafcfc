package com.campaignsender.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.campaignsender.DatabaseNeutral;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.operate.CampaignRunner;
import com.campaignsender.operate.RunOutcome;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 recipients through a provider that fails 10% of creates with 500, drops 2% unanswered
 * before creating and 1% after creating, with the default limits (error-threshold 0.2,
 * max-attempts 5): one run completes, every row ends accounted for and nobody gets two messages.
 * Three times over, so that it is not luck: retries absorb the faults, so they never stop it.
 */
@SpringBootTest(properties = { "campaign.sandbox.failure-rate=0.10", "campaign.sandbox.reset-rate=0.02",
        "campaign.sandbox.lost-answer-rate=0.01" })
@DatabaseNeutral
class FaultToleranceTests {

    private static final int RECIPIENTS = 2000;

    @Autowired
    private CampaignRunner runner;

    @Autowired
    private LedgerReadings ledger;

    @Autowired
    private SandboxServer sandbox;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void everyRowIsAccountedForAndNoRecipientGetsTwoMessages(RepetitionInfo repetition) throws Exception {
        // A list of its own each time (another run), to addresses of its own at the one sandbox.
        String domain = "fault" + repetition.getCurrentRepetition() + ".example.com";
        Path job = campaign(repetition.getCurrentRepetition(), domain);

        RunOutcome outcome = runner.run(job, Optional.empty());

        assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED);
        assertThat(outcome.summary().rowsIn()).isEqualTo(RECIPIENTS);
        assertThat(outcome.summary().rowsAccountedFor()).isEqualTo(RECIPIENTS);
        assertThat(outcome.summary().retries()).as("the faults were on").isPositive();

        Map<DeliveryState, Long> states = new EnumMap<>(ledger.countByState(outcome.run().id()));
        assertThat(states.keySet()).as("no row left unsettled").doesNotContain(DeliveryState.PENDING,
                DeliveryState.SENDING, DeliveryState.IN_DOUBT, DeliveryState.ACCEPTED);
        long delivered = states.getOrDefault(DeliveryState.DELIVERED, 0L);
        assertThat(delivered + states.getOrDefault(DeliveryState.FAILED, 0L)).isEqualTo(RECIPIENTS);

        Map<String, Long> messagesPerRecipient = sandbox.store()
                .created(message -> message.to().endsWith("@" + domain)).stream()
                .collect(Collectors.groupingBy(SandboxMessage::to, Collectors.counting()));
        assertThat(messagesPerRecipient.values()).as("zero duplicates at the provider").allMatch(count -> count == 1);
        assertThat((long) messagesPerRecipient.size()).isEqualTo(delivered);

        Map<Integer, String> providerIds = new HashMap<>();
        ledger.forEachRow(outcome.run().id(), line -> providerIds.put(line.row(), line.providerMessageId()));
        Map<String, SandboxMessage> byId = sandbox.store().created(message -> true).stream()
                .collect(Collectors.toMap(SandboxMessage::id, Function.identity()));
        providerIds.forEach((row, id) -> {
            if (id != null) {
                assertThat(byId.get(id).to()).isEqualTo("reader" + row + "@" + domain);
            }
        });
    }

    private Path campaign(int repetition, String domain) throws IOException {
        return GeneratedCampaign.write(dir, "fault-tolerance-" + repetition, "reader", domain, RECIPIENTS,
                "{ rate: 5000/s, burst: 100 }",
                "{ poll-interval: 200ms, timeout: 1m }");
    }
}
