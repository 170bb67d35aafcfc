package com.campaignsender.account;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.TestProviders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account's budgets as configured ({@code campaign.providers.<account>.rate}, {@code .burst},
 * {@code .read-rate}) or, where nothing is configured, as its provider documents them (SPEC 18).
 */
class AccountBudgetsTests {

    private static ProviderRegistry registry(Map<String, String> properties) {
        return TestProviders.registry(properties, URI.create("http://127.0.0.1:9"));
    }

    private static Optional<Budget> sends(Map<String, String> properties, String account) {
        return ProviderAccounts.sends(registry(properties).account(account));
    }

    private static Optional<Budget> reads(Map<String, String> properties, String account) {
        return ProviderAccounts.reads(registry(properties).account(account));
    }

    @Test
    void anAccountOnTheSandboxWithoutARateHasNoBudget() {
        assertThat(sends(Map.of(), "voipbin")).isEmpty();
        assertThat(sends(Map.of(), "infobip")).isEmpty();
        assertThat(reads(Map.of(), "infobip")).isEmpty();
    }

    @Test
    void theBurstIsOneSecondsWorthUnlessSet() {
        Map<String, String> properties = Map.of("campaign.providers.voipbin.rate", "200/s",
                "campaign.providers.infobip.rate", "3000/m", "campaign.providers.other.type", "voipbin",
                "campaign.providers.other.rate", "10/s", "campaign.providers.other.burst", "3");
        assertThat(sends(properties, "voipbin")).contains(new Budget(new Rate(200, Duration.ofSeconds(1)), 200));
        assertThat(sends(properties, "infobip")).contains(new Budget(new Rate(3000, Duration.ofMinutes(1)), 50));
        assertThat(sends(properties, "other")).contains(new Budget(new Rate(10, Duration.ofSeconds(1)), 3));
    }

    @Nested
    class OffTheSandboxWithoutARate {

        private final Map<String, String> real = Map.of("campaign.providers.voipbin.base-url", "https://api.voipbin.net/v1.0",
                "campaign.providers.infobip.base-url", "https://xyz.api.infobip.com");

        @Test
        void voipbinIsPacedAtItsDocumentedLimitAndItsReadsShareIt() {
            assertThat(sends(real, "voipbin")).contains(new Budget(new Rate(1000, Duration.ofMinutes(1)), 33));
            assertThat(reads(real, "voipbin")).as("VoIPBIN counts every request of the customer together").isEmpty();
        }

        @Test
        void infobipReadsHaveTheirOwnBudgetOf120AMinute() {
            assertThat(reads(real, "infobip")).contains(new Budget(new Rate(120, Duration.ofMinutes(1)), 120));
            assertThat(sends(real, "infobip")).contains(new Budget(new Rate(4000, Duration.ofSeconds(1)), 4000));
        }

        @Test
        void aConfiguredRateWins() {
            Map<String, String> configured = new java.util.HashMap<>(real);
            configured.put("campaign.providers.voipbin.rate", "5/s");
            configured.put("campaign.providers.infobip.read-rate", "60/m");
            assertThat(sends(configured, "voipbin")).contains(new Budget(new Rate(5, Duration.ofSeconds(1)), 5));
            assertThat(reads(configured, "infobip")).contains(new Budget(new Rate(60, Duration.ofMinutes(1)), 1));
        }
    }

    @Nested
    class RefusedAtStart {

        @Test
        void aRateThatIsNotARate() {
            assertThatThrownBy(() -> sends(Map.of("campaign.providers.voipbin.rate", "fast"), "voipbin"))
                    .hasMessage("campaign.providers.voipbin.rate: 'fast' is not a rate like 50/s, 3000/m or 100000/h");
        }

        @Test
        void aNegativeBurst() {
            assertThatThrownBy(() -> sends(Map.of("campaign.providers.infobip.rate", "50/s",
                    "campaign.providers.infobip.burst", "-5"), "infobip"))
                    .hasMessage("campaign.providers.infobip.burst must be at least 1, not -5");
        }

        @Test
        void aBurstWithoutARate() {
            assertThatThrownBy(() -> sends(Map.of("campaign.providers.voipbin.burst", "5"), "voipbin"))
                    .hasMessage("campaign.providers.voipbin.burst is set but campaign.providers.voipbin.rate is not");
        }

        @Test
        void anAccountOfNoProvider() {
            assertThatThrownBy(() -> registry(Map.of("campaign.providers.eu.base-url", "https://x.example")))
                    .hasMessage("campaign.providers.eu.type: 'eu' is not a provider; use one of infobip, smtp, voipbin"
                            + " (the type defaults to the account's name)");
        }
    }
}
