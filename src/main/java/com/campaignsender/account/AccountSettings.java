package com.campaignsender.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.campaignsender.definition.Rate;

/**
 * Each provider account's budget ({@code campaign.providers.<name>.rate} and {@code .burst}),
 * beside the account's other settings under the same key. Checked as the application starts:
 * a rate that is not a rate, or a burst below one, refuses to start, naming the key.
 */
@ConfigurationProperties("campaign")
public record AccountSettings(@DefaultValue Map<String, Written> providers) {

    /** As written; {@link #budget(String)} answers it parsed. */
    public record Written(String rate, Integer burst) {
    }

    /** {@code rate} per period, at most {@code burst} at once. */
    public record Budget(Rate rate, int burst) {
    }

    public AccountSettings {
        Map<String, Written> checked = new LinkedHashMap<>();
        providers.forEach((name, written) -> {
            parse(name, written);
            checked.put(name, written);
        });
        providers = Map.copyOf(checked);
    }

    /** The account's budget, if it has one: without a rate, only each campaign's {@code limits.rate} paces it. */
    public Optional<Budget> budget(String provider) {
        return Optional.ofNullable(providers.get(provider)).flatMap(written -> parse(provider, written));
    }

    private static Optional<Budget> parse(String provider, Written written) {
        String key = "campaign.providers." + provider;
        if (written.burst() != null && written.burst() < 1) {
            throw new IllegalArgumentException(key + ".burst must be at least 1, not " + written.burst());
        }
        if (written.rate() == null || written.rate().isBlank()) {
            if (written.burst() != null) {
                throw new IllegalArgumentException(key + ".burst is set but " + key + ".rate is not");
            }
            return Optional.empty();
        }
        Rate rate;
        try {
            rate = Rate.parse(written.rate());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(key + ".rate: " + ex.getMessage());
        }
        // Default burst: one period's worth, capped at one second's (3000/m bursts 50, not 3000).
        int oneSecond = (int) Math.max(1, Math.min(rate.permits(), rate.permits() * 1000 / rate.period().toMillis()));
        return Optional.of(new Budget(rate, written.burst() != null ? written.burst() : oneSecond));
    }
}
