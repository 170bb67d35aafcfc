package com.campaignsender.operate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.SuppressionList;
import com.campaignsender.send.CampaignEnvelope;

/**
 * A test send (SPEC section 16), a proof in the printer's sense: the list's first rows that would
 * be sent, rendered as the run would render them, each sent to every test address with its subject
 * prefixed {@value #SUBJECT_PREFIX}. Nothing is recorded against the list, no run is made and the list's
 * rows are not checked against the suppression list: the real run later sends everyone. The test
 * addresses are: a suppressed one is skipped and named, since a test send is no way around a STOP.
 * At most {@value #MOST} rows to at most {@value #MOST} addresses, so that a test is no way around
 * a run either. The requests take their turn in the account's budget like any other.
 */
@Service
public class ProofSender {

    public static final String SUBJECT_PREFIX = "[TEST] ";
    /** The most rows, and the most addresses, one test sends. */
    public static final int MOST = 10;

    /** What a test send did: the messages sent, and the test addresses skipped with why. */
    public record Result(List<Sent> sent, List<String> skipped) {

        public long accepted() {
            return sent.stream().filter(Sent::accepted).count();
        }
    }

    /** One test message: which row it shows, where it went and what the provider answered. */
    public record Sent(int row, String to, SendOutcome.Kind outcome, String providerMessageId, String detail) {

        public boolean accepted() {
            return outcome == SendOutcome.Kind.ACCEPTED;
        }
    }

    private final CampaignPreview preview;
    private final ProviderRegistry providers;
    private final ProviderAccounts accounts;
    private final SuppressionList suppression;

    public ProofSender(CampaignPreview preview, ProviderRegistry providers, ProviderAccounts accounts,
            SuppressionList suppression) {
        this.preview = preview;
        this.providers = providers;
        this.accounts = accounts;
        this.suppression = suppression;
    }

    /**
     * Sends the first {@code rows} sendable rows to each of {@code testAddresses}. Refuses, before
     * anything is sent, a test address that is not one for the campaign's channel, more than
     * {@value #MOST} rows or addresses, and a list with no row to send.
     */
    public Result send(Path definitionFile, Optional<Path> recipients, List<String> testAddresses, int rows) throws Exception {
        if (rows < 1 || rows > MOST) {
            throw new IllegalArgumentException("a test sends 1 to " + MOST + " rows, not " + rows);
        }
        if (testAddresses.isEmpty() || testAddresses.size() > MOST) {
            throw new IllegalArgumentException("a test goes to 1 to " + MOST + " addresses, not " + testAddresses.size());
        }
        CampaignPreview.Sample sample = preview.firstSendable(definitionFile, recipients, rows);
        CampaignDefinition definition = sample.definition();
        List<String> to = new ArrayList<>(addresses(definition, testAddresses));
        Map<String, SuppressionList.Entry> suppressed = suppression.find(to);
        List<String> skipped = to.stream().filter(suppressed::containsKey)
                .map(address -> address + " (" + suppressed.get(address).describe() + ")").toList();
        to.removeAll(suppressed.keySet());
        if (sample.rows().isEmpty()) {
            throw new InvalidDefinitionException(List.of("the list has no row that would be sent"));
        }
        MessageGateway gateway = providers.account(definition.provider()).gateway(definition.channel(), CampaignEnvelope.of(definition, CampaignFiles.DISK));
        ProviderAccount account = accounts.of(definition.provider());
        List<Sent> sent = new ArrayList<>();
        String test = definition.name() + "-test-" + UUID.randomUUID().toString().substring(0, 8);
        for (CampaignPreview.Row row : sample.rows()) {
            for (int i = 0; i < to.size(); i++) {
                String address = to.get(i);
                SendRequest message = testMessage(test + "-" + row.row() + "-" + (i + 1), row, address);
                account.awaitTurn(() -> false);
                long leftAt = System.nanoTime();
                SendOutcome outcome = gateway.send(message);
                account.record(outcome, System.nanoTime() - leftAt);
                sent.add(new Sent(row.row(), address, outcome.kind(), outcome.providerMessageId(), outcome.detail()));
            }
        }
        return new Result(sent, skipped);
    }

    /**
     * The row's message to a test address. Its reference names no run, so that no run's
     * reconciliation takes it for its own, and is new for every test message: a provider that keeps
     * references as message ids (Infobip) refuses one it has seen.
     */
    private static SendRequest testMessage(String reference, CampaignPreview.Row row, String address) {
        SendRequest rendered = row.message();
        return new SendRequest(reference, address,
                rendered.subject() == null ? null : SUBJECT_PREFIX + rendered.subject(), rendered.html(), rendered.text(),
                rendered.unsubscribeUrl());
    }

    private List<String> addresses(CampaignDefinition definition, List<String> testAddresses) {
        AddressRules rules = new AddressRules(definition.channel(), definition.recipients().defaultRegion(),
                providers.account(definition.provider())::unicodeLocalPartsRefused);
        List<String> addresses = new ArrayList<>();
        for (String address : testAddresses) {
            try {
                addresses.add(rules.normalise(address));
            }
            catch (IllegalArgumentException | ProviderException ex) {
                // a relay that cannot be asked whether it carries the address: said as the address's problem
                throw new IllegalArgumentException("test address '" + address + "': " + ex.getMessage()
                        + " (campaign " + definition.name() + " sends " + definition.channel().name().toLowerCase() + ")");
            }
        }
        return addresses;
    }
}
