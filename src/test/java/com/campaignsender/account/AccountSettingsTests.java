package com.campaignsender.account;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.campaignsender.definition.Rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code campaign.providers.<name>.rate} and {@code .burst}, bound as the application binds them at start. */
class AccountSettingsTests {

    private static AccountSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("campaign", AccountSettings.class);
    }

    @Test
    void anAccountWithoutARateHasNoBudgetOfItsOwn() {
        AccountSettings settings = bind(Map.of("campaign.providers.voipbin.base-url", "sandbox"));
        assertThat(settings.budget("voipbin")).isEmpty();
        assertThat(settings.budget("infobip")).isEmpty();
    }

    @Test
    void theBurstIsOneSecondsWorthUnlessSet() {
        AccountSettings settings = bind(Map.of("campaign.providers.voipbin.rate", "200/s",
                "campaign.providers.infobip.rate", "3000/m", "campaign.providers.other.rate", "10/s",
                "campaign.providers.other.burst", "3"));
        assertThat(settings.budget("voipbin")).contains(new AccountSettings.Budget(new Rate(200, Duration.ofSeconds(1)), 200));
        assertThat(settings.budget("infobip")).contains(new AccountSettings.Budget(new Rate(3000, Duration.ofMinutes(1)), 50));
        assertThat(settings.budget("other")).contains(new AccountSettings.Budget(new Rate(10, Duration.ofSeconds(1)), 3));
    }

    @Nested
    class RefusedAtStart {

        @Test
        void aRateThatIsNotARate() {
            assertThatThrownBy(() -> bind(Map.of("campaign.providers.voipbin.rate", "fast")))
                    .isInstanceOf(BindException.class).rootCause()
                    .hasMessage("campaign.providers.voipbin.rate: 'fast' is not a rate like 50/s, 3000/m or 100000/h");
        }

        @Test
        void aNegativeBurst() {
            assertThatThrownBy(() -> bind(Map.of("campaign.providers.infobip.rate", "50/s",
                    "campaign.providers.infobip.burst", "-5")))
                    .isInstanceOf(BindException.class).rootCause()
                    .hasMessage("campaign.providers.infobip.burst must be at least 1, not -5");
        }

        @Test
        void aBurstWithoutARate() {
            assertThatThrownBy(() -> bind(Map.of("campaign.providers.voipbin.burst", "5")))
                    .isInstanceOf(BindException.class).rootCause()
                    .hasMessage("campaign.providers.voipbin.burst is set but campaign.providers.voipbin.rate is not");
        }
    }
}
