package com.campaignsender.cli;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.sandbox.SandboxMessage;
import com.campaignsender.sandbox.SandboxServer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run <job> --test-to A,B --rows N}: a test before the real run, which the real run does not notice. */
@SpringBootTest
// Its own database: the real run after the test must find the list unsent.
@DirtiesContext
class TestSendCommandTests {

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private SandboxServer sandbox;

    @Autowired
    private SuppressionList suppression;

    @Test
    void sendsTheFirstRowsToEachTestAddressAndLeavesTheListUnsent() {
        Terminal test = new Terminal(factory);
        assertThat(test.run("run", "jobs/welcome-email.yml", "--test-to", "QA@example.com,lead@example.com", "--rows", "2"))
                .isEqualTo(ExitCodes.OK);

        List<SandboxMessage> sent = sandbox.store().created(message -> true);
        // 2 rows x 2 addresses; the addresses normalised as a run normalises them.
        assertThat(sent).hasSize(4);
        assertThat(sent).extracting(SandboxMessage::to)
                .containsExactlyInAnyOrder("qa@example.com", "qa@example.com", "lead@example.com", "lead@example.com");
        assertThat(sent).allSatisfy(message -> assertThat(message.subject()).startsWith("[TEST] Welcome"));
        assertThat(test.out()).contains("row 1 -> qa@example.com: accepted", "row 2 -> lead@example.com: accepted",
                "Test send: 4 of 4 message(s) accepted; nothing was recorded against the list.");

        Terminal real = new Terminal(factory);
        assertThat(real.run("run", "jobs/welcome-email.yml")).isEqualTo(ExitCodes.OK);
        assertThat(real.out()).contains("Run 1 of welcome-email completed", "rows in: 56, accounted for: 56",
                "REJECTED 6  DELIVERED 48  BOUNCED 1  FAILED 1");
        assertThat(sandbox.store().created(message -> true)).hasSize(4 + 50);
    }

    @Test
    void refusesATestAddressThatIsNoneForTheChannelBeforeSendingAnything() {
        Terminal test = new Terminal(factory);
        int before = sandbox.store().created(message -> true).size();
        assertThat(test.run("run", "jobs/reminder-sms.yml", "--test-to", "+31612345678,qa@example.com"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(test.err()).contains("test address 'qa@example.com'", "(campaign reminder-sms sends sms)");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
    }

    /** A test send is no way around a STOP: the suppressed test address is named and gets nothing. */
    @Test
    void skipsAndNamesASuppressedTestAddress() {
        suppression.add(List.of("stopped@example.org"), SuppressionList.Reason.UNSUBSCRIBE, "a test");
        int before = sandbox.store().created(message -> true).size();
        Terminal test = new Terminal(factory);

        test.run("run", "jobs/welcome-email.yml", "--test-to", "Stopped@example.org");

        assertThat(test.out()).contains("skipped stopped@example.org (suppressed: unsubscribe (a test, ",
                "Test send: 0 of 0 message(s) accepted");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
    }

    /** Nor a way around a run: ten rows to ten addresses at most. */
    @Test
    void refusesMoreThanTenRowsOrAddresses() {
        int before = sandbox.store().created(message -> true).size();
        Terminal rows = new Terminal(factory);
        assertThat(rows.run("run", "jobs/welcome-email.yml", "--test-to", "qa@example.com", "--rows", "11"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(rows.err()).contains("a test sends 1 to 10 rows, not 11");

        String eleven = String.join(",", IntStream.rangeClosed(1, 11).mapToObj(n -> "qa" + n + "@example.com").toList());
        Terminal addresses = new Terminal(factory);
        assertThat(addresses.run("run", "jobs/welcome-email.yml", "--test-to", eleven)).isEqualTo(ExitCodes.REFUSED);
        assertThat(addresses.err()).contains("a test goes to 1 to 10 addresses, not 11");
        assertThat(sandbox.store().created(message -> true)).hasSize(before);
    }
}
