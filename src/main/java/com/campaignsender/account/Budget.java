package com.campaignsender.account;

import java.util.Optional;

import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.InvalidAccountSetting;
import com.campaignsender.gateway.Limit;

/** An account's budget: {@code rate} per period, at most {@code burst} at once. */
record Budget(Rate rate, int burst) {

    /** The provider's documented limit as a budget. */
    static Budget of(Limit limit) {
        return new Budget(new Rate(limit.permits(), limit.period()), limit.burst());
    }

    /**
     * A budget as written under {@code key} ({@code campaign.providers.<account>.rate} and its
     * burst), if a rate is written; a rate that is not a rate, or a burst below one, is refused
     * naming the key, as the application starts.
     */
    static Optional<Budget> parse(String key, String written, Integer burst) {
        if (burst != null && burst < 1) {
            throw new InvalidAccountSetting(key.replaceAll("rate$", "burst") + " must be at least 1, not " + burst);
        }
        if (written == null || written.isBlank()) {
            if (burst != null) {
                throw new InvalidAccountSetting(key.replaceAll("rate$", "burst") + " is set but " + key + " is not");
            }
            return Optional.empty();
        }
        Rate rate;
        try {
            rate = Rate.parse(written);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidAccountSetting(key + ": " + ex.getMessage());
        }
        // Default burst: one period's worth, capped at one second's (3000/m bursts 50, not 3000).
        int oneSecond = (int) Math.max(1, Math.min(rate.permits(), rate.permits() * 1000 / rate.period().toMillis()));
        return Optional.of(new Budget(rate, burst != null ? burst : oneSecond));
    }
}
