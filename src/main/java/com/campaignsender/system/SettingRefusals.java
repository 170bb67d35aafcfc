package com.campaignsender.system;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.campaignsender.gateway.InvalidAccountSetting;
import com.campaignsender.security.InvalidServerSetting;

/**
 * A start refused for a setting of ours (a provider account's, or the web side's secrets) is bad
 * usage, not a crash: one line on standard error naming the setting and where the README explains
 * it, in place of Boot's failure report and stack trace (SPEC section 22). The process then exits
 * 2 ({@code CampaignSenderApplication}). Any other failure goes on to Boot's own reporters.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingRefusals implements SpringBootExceptionReporter {

    private static final Map<Class<? extends RuntimeException>, String> README_SECTION = Map.of(
            InvalidAccountSetting.class, "Provider accounts", InvalidServerSetting.class, "Security");

    @Override
    public boolean reportException(Throwable failure) {
        Optional<Throwable> refusal = refusal(failure);
        refusal.ifPresent(cause -> System.err.println("campaign-sender did not start: " + cause.getMessage()
                + " (README: \"" + README_SECTION.get(cause.getClass()) + "\")"));
        return refusal.isPresent();
    }

    private static Optional<Throwable> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (README_SECTION.containsKey(cause.getClass())) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
