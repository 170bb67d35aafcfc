package com.campaignsender.rights;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.campaignsender.ledger.CampaignRun;
import com.campaignsender.ledger.CampaignRuns;
import com.campaignsender.ledger.LedgerReadings;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.recipients.SuppressionList.Origin;
import com.campaignsender.recipients.SuppressionList.Reason;

/**
 * What an unsubscribe link does once its signature holds: finds the recipient it was made for
 * and puts their address on the suppression list, naming the campaign and the run, so that no
 * later list sends to it. Doing it twice changes nothing the second time.
 */
@Service
public class Unsubscribes {

    /** The recipient a link was made for; {@code suppressed} when the address is on the list already, for whatever reason. */
    public record Recipient(UnsubscribeLinks.Target target, String campaign, String address, boolean suppressed) {

        /** The address as the page shows it: enough for its owner to recognise, too little for anyone else to use. */
        public String masked() {
            int at = address.indexOf('@');
            if (at > 0) {
                return address.charAt(0) + "***" + address.substring(at);
            }
            return address.length() <= 5 ? "***" : address.substring(0, 3) + "*".repeat(address.length() - 5)
                    + address.substring(address.length() - 2);
        }
    }

    private final CampaignRuns runs;
    private final LedgerReadings ledger;
    private final SuppressionList suppression;

    public Unsubscribes(CampaignRuns runs, LedgerReadings ledger, SuppressionList suppression) {
        this.runs = runs;
        this.ledger = ledger;
        this.suppression = suppression;
    }

    /** The recipient of a verified link; empty when its run or row is not (or no longer) in this database. */
    public Optional<Recipient> find(UnsubscribeLinks.Target target) {
        Optional<CampaignRun> run = runs.find(target.runId());
        Optional<String> address = run.flatMap(found -> ledger.addressAt(found.id(), target.row()));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        boolean suppressed = !suppression.find(List.of(address.get())).isEmpty();
        return Optional.of(new Recipient(target, run.get().campaign(), address.get(), suppressed));
    }

    /** Suppresses the recipient's address; answers whether it was added now (false: it was on the list already). */
    public boolean unsubscribe(Recipient recipient) {
        return suppression.add(List.of(recipient.address()), Reason.UNSUBSCRIBE,
                new Origin("unsubscribe link of " + recipient.campaign() + " run " + recipient.target().runId(),
                        recipient.campaign(), recipient.target().runId())) > 0;
    }
}
