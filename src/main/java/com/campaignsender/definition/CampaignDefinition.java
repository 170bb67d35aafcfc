package com.campaignsender.definition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.campaignsender.gateway.Channel;

/**
 * A validated campaign definition ({@code jobs/<name>.yml}), with every path already resolved
 * against the job file's folder or the working directory. Built only by {@link DefinitionLoader}.
 * {@code providerFields} are the provider's own request fields under the provider's names (the
 * {@code infobip:} section: {@code notifyUrl}, {@code trackingUrl}, ...). {@code unsubscribe}: every
 * message carries its recipient's unsubscribe link (and, where the provider can, the headers
 * that offer it); {@code sendWindow}: the hours recipients may be sent to, when limited; {@code provider}:
 * the provider account it sends through; {@code notes}: what that account's provider leaves out of
 * what the definition asks (said at {@code validate}); {@code review}: a list uploaded through the
 * API or dropped in the inbox waits, READY, for an operator's Send (SPEC section 22).
 */
public record CampaignDefinition(
        Path file,
        String name,
        Channel channel,
        String provider,
        Sender sender,
        RecipientSource recipients,
        Templates template,
        List<String> cc,
        List<String> bcc,
        List<Path> attachments,
        Map<String, String> providerFields,
        Optional<Schedule> schedule,
        Limits limits,
        ReconcileSettings reconcile,
        boolean unsubscribe,
        boolean review,
        Optional<SendWindow> sendWindow,
        List<String> notes) {

    public record Sender(String address, String name) {
    }

    /**
     * Exactly one of {@code file} and {@code inbox} is present; {@code separator} is empty when
     * it is to be detected from the header line.
     */
    public record RecipientSource(Optional<Path> file, Optional<Path> inbox, String addressColumn,
            String defaultRegion, Optional<Character> separator) {
    }

    public record Templates(Optional<Path> subject, Optional<Path> html, Optional<Path> text) {
    }

    public record Schedule(String cron, ZoneId zone, Duration grace) {
    }

    /** {@code outageTimeout}: how long the run waits for its provider account to be available again before it stops. */
    public record Limits(Rate rate, int burst, int concurrency, int chunk, int maxAttempts,
            double errorThreshold, Duration outageTimeout) {
    }

    /** {@code concurrency}: how many of the provider's status listings (or report drains) are read at once. */
    public record ReconcileSettings(Duration pollInterval, Duration timeout, int concurrency) {
    }
}
