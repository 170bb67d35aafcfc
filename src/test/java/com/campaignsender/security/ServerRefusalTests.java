package com.campaignsender.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.AppProcesses;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 22: {@code serve} on a public address without a token is refused in one line that
 * names the setting, exit 2, as a real process prints it (no failure report, no stack trace).
 */
class ServerRefusalTests {

    @TempDir
    private Path dir;

    @Test
    void servingOnEveryAddressWithoutATokenIsOneLineAndExitTwo() throws Exception {
        try (AppProcesses processes = new AppProcesses(dir)) {
            Process serve = processes.start("serve", Map.of("SERVER_ADDRESS", "0.0.0.0", "CAMPAIGN_SERVER_TOKEN", ""),
                    "serve", "--port", String.valueOf(AppProcesses.freePort()));
            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).as("serve ended").isTrue();

            List<String> lines = Files.readAllLines(processes.log("serve"));
            assertThat(serve.exitValue()).as(String.join("\n", lines)).isEqualTo(2);
            assertThat(lines).filteredOn(line -> line.contains("campaign.server.token")).singleElement().asString()
                    .startsWith("campaign-sender did not start: campaign.server.token must be set when server.address is not")
                    .contains("openssl rand -hex 24");
            assertThat(lines).as("only the ledger's line and the refusal")
                    .allMatch(line -> line.startsWith("campaign-sender did not start:") || line.contains("INFO  LedgerLocation"));
        }
    }
}
