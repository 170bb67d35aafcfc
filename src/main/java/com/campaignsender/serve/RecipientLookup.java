package com.campaignsender.serve;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.AddressHistory;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RunStatus;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.report.RowReasons;

/**
 * "What happened to jane@example.com?" (SPEC section 22): every run that had the address, with
 * the row's state, the provider's id and status, the reason in words and the next step, its
 * times; and whether the address is suppressed, why and since when. The address is looked up as
 * typed and as the load step would have normalised it (an email address in lower case, a phone
 * number in E.164), so that {@code Jane@Example.com} finds the rows of {@code jane@example.com}.
 */
@Component
public class RecipientLookup {

    /** One row that held the address, as the API and the page show it (public: the page's template reads it). */
    public record Found(long runId, String campaign, RunStatus runStatus, boolean dryRun, int row, String address,
            DeliveryState state, String provider, String providerMessageId, String providerStatus, int attempts,
            String reason, String nextStep, Instant sentAt, Instant updatedAt) {

        public String sentAtUtc() {
            return sentAt == null ? null : RunView.SECONDS.format(sentAt);
        }

        public String updatedAtUtc() {
            return RunView.SECONDS.format(updatedAt);
        }
    }

    /** The address's suppression, if any. */
    public record Suppression(String address, String reason, String source, Instant since) {

        public String sinceUtc() {
            return RunView.SECONDS.format(since);
        }
    }

    public record Result(String address, List<String> lookedUpAs, Suppression suppressed, List<Found> runs) {
    }

    private static final AddressRules EMAIL = new AddressRules(Channel.EMAIL, null);
    private static final AddressRules PHONE = new AddressRules(Channel.SMS, null);

    private final AddressHistory history;
    private final SuppressionList suppression;

    RecipientLookup(AddressHistory history, SuppressionList suppression) {
        this.history = history;
        this.suppression = suppression;
    }

    Result find(String address) {
        List<String> forms = forms(address);
        Map<String, SuppressionList.Entry> suppressed = suppression.find(forms);
        Suppression entry = forms.stream().map(suppressed::get).filter(Objects::nonNull).findFirst()
                .map(found -> new Suppression(found.address(), found.reason().name().toLowerCase(Locale.ROOT),
                        found.source(), found.since()))
                .orElse(null);
        List<Found> runs = history.of(forms).stream().map(row -> new Found(row.runId(), row.campaign(), row.runStatus(),
                row.dryRun(), row.row(), row.address(), row.state(), row.provider(), row.providerMessageId(),
                row.providerStatus(), row.attempts(), RowReasons.reason(row.state(), row.providerStatus(), row.error()),
                RowReasons.nextStep(row.state()), row.sentAt(), row.updatedAt())).toList();
        return new Result(address.strip(), forms, entry, runs);
    }

    /** The address as typed, and as an email address or a phone number would be kept, where it is one. */
    private static List<String> forms(String address) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(address.strip());
        for (AddressRules rules : List.of(EMAIL, PHONE)) {
            try {
                forms.add(rules.normalise(address));
            }
            catch (IllegalArgumentException notThisKind) {
                // typed as the other kind of address, or as the list had it: looked up as typed
            }
        }
        return List.copyOf(forms);
    }
}
