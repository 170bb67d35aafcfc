package com.campaignsender.security;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.campaignsender.serve.ServerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secrets the web side starts with: too short to keep a guesser out, or missing where it faces the network, it does not start. */
class ServerSecretsTests {

    private static final String LONG = "0123456789abcdef01234567";

    @Test
    void aShortTokenOrWebhookSecretIsRefusedSayingHowToMakeOne() {
        assertThatThrownBy(() -> ServerSecrets.checkedToken(settings("change-me", null), "127.0.0.1"))
                .isInstanceOf(InvalidServerSetting.class)
                .hasMessage("campaign.server.token is 9 characters long; it must have at least 24 so that it cannot be "
                        + "guessed: make one with: openssl rand -hex 24")
                .hasMessageNotContaining("change-me");
        assertThatThrownBy(() -> ServerSecrets.checkedToken(settings(LONG, "s3cret"), "127.0.0.1"))
                .isInstanceOf(InvalidServerSetting.class).hasMessageStartingWith("campaign.server.webhook-secret is 6 characters");
    }

    @Test
    void aServiceOnTheNetworkNeedsAToken() {
        assertThatThrownBy(() -> ServerSecrets.checkedToken(settings(null, null), "0.0.0.0"))
                .isInstanceOf(InvalidServerSetting.class)
                .hasMessageContaining("campaign.server.token must be set when server.address is not a loopback address (0.0.0.0)");
        assertThatThrownBy(() -> ServerSecrets.checkedToken(settings(" ", null), null))
                .hasMessageContaining("(all addresses)");
    }

    @Test
    void longSecretsAndALoopbackServiceWithoutATokenStart() {
        assertThat(ServerSecrets.checkedToken(settings(LONG, LONG), "0.0.0.0")).isEqualTo(LONG);
        assertThat(ServerSecrets.checkedToken(settings(null, LONG), "127.0.0.1")).isNull();
        assertThat(ServerSecrets.checkedToken(settings(null, null), "::1")).isNull();
    }

    private static ServerSettings settings(String token, String webhookSecret) {
        return new ServerSettings(token, webhookSecret, DataSize.ofMegabytes(200), Path.of("jobs"), Path.of("data/uploads"),
                Duration.ofSeconds(3), Duration.ofDays(30), Duration.ofDays(7), null);
    }
}
