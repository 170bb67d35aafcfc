package com.campaignsender.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.report.ReportSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The suppression list as an operator feeds it (imports) and as the provider does (bounces), and what it stops. */
@SpringBootTest
// Its own database: runs of the same list and the suppression list are state the next class must not see.
@DirtiesContext
class SuppressCommandTests {

    @Autowired
    private SpringCommandFactory factory;

    @Autowired
    private SuppressionList suppression;

    @Autowired
    private ReportSettings reports;

    @TempDir
    Path dir;

    private Terminal terminal;

    @BeforeEach
    void terminal() {
        terminal = new Terminal(factory);
    }

    private int command(String... args) {
        return terminal.run(args);
    }

    @Test
    void importsAddressesInTheFormTheLedgerUses() throws IOException {
        Path file = Files.writeString(dir.resolve("unsubscribed.csv"),
                "address\n Ann@Example.COM \n(202) 555-1001\n+44 20 7946 0958,extra column\nnot an address 1\n");

        assertThat(command("suppress", file.toString(), "--reason", "UNSUBSCRIBE", "--default-region", "us"))
                .isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("Suppressed 3 new addresses (0 were already suppressed).");
        assertThat(terminal.err()).contains("unsubscribed.csv line 5: invalid phone number 'not an address 1'");
        assertThat(suppression.find(List.of("ann@example.com", "+12025551001", "+442079460958")))
                .hasSize(3)
                .allSatisfy((address, entry) -> assertThat(entry.reason()).isEqualTo(SuppressionList.Reason.UNSUBSCRIBE));

        terminal.clear();
        command("suppress", file.toString(), "--default-region", "US");
        assertThat(terminal.out()).contains("Suppressed 0 new addresses (3 were already suppressed).");
    }

    /**
     * Addresses that differ by an accent are two people on every database (MariaDB's default
     * collation takes them for one); one typed with its accent decomposed is the same person.
     */
    @Test
    void suppressesAddressesThatDifferByAnAccentApartAndOneTypedTwoWaysOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("accents.csv"),
                "address\npele@example.com\npelé@example.com\nPele\u0301@example.com\nann@bucher.ch\nann@bücher.ch\n");

        assertThat(command("suppress", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(terminal.out()).contains("Suppressed 4 new addresses (1 were already suppressed).");
        assertThat(suppression.find(List.of("pelé@example.com", "ann@bücher.ch"))).containsOnlyKeys("pelé@example.com", "ann@bücher.ch");
        assertThat(suppression.find(List.of("pele@example.com"))).containsOnlyKeys("pele@example.com");
    }

    @Test
    void keepsImportedAndBouncedAddressesOutOfEveryLaterCampaign() throws IOException {
        Files.writeString(dir.resolve("blocked.txt"), "blocked@example.com\n");
        command("suppress", dir.resolve("blocked.txt").toString());
        assertThat(command("run", "jobs/welcome-email.yml")).isEqualTo(ExitCodes.OK);
        assertThat(suppression.find(List.of("bounce.kim@example.com")).get("bounce.kim@example.com").reason())
                .as("the sample's bounce was reported and suppressed").isEqualTo(SuppressionList.Reason.BOUNCE);

        Path list = Files.writeString(dir.resolve("next.csv"), """
                email,first_name,last_name,plan,city,start_date
                blocked@example.com,Bo,Locked,Plus,Delft,2027-01-01
                Bounce.Kim@example.com,Kim,Bounce,Plus,Delft,2027-01-01
                fresh@example.com,Fre,Sh,Plus,Delft,2027-01-01
                """);
        terminal.clear();
        assertThat(command("run", "jobs/welcome-email.yml", "--recipients", list.toString())).isEqualTo(ExitCodes.OK);

        String runId = terminal.out().replaceAll("(?s).*Run (\\d+) of welcome-email completed.*", "$1");
        List<String> rejected = Files.readAllLines(reports.dir().resolve("welcome-email").resolve(runId).resolve("rejected.csv"));
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(1)).startsWith("1,\"suppressed: import (import of blocked.txt, ");
        assertThat(rejected.get(2)).startsWith("2,\"suppressed: bounce (voipbin, run ");
    }
}
