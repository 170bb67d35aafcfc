package com.campaignsender.send;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.campaignsender.account.ProviderAccount;
import com.campaignsender.account.ProviderAccounts;
import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.recipients.AddressRules;

/**
 * A test send (SPEC section 16): the list's first rows that would be sent, rendered as the run
 * would render them, each sent to every test address with its subject prefixed
 * {@value #SUBJECT_PREFIX}. Nothing is recorded against the list, no run is made and the
 * suppression list is not asked: the real run later sends everyone. The requests take their turn
 * in the account's budget like any other.
 */
@Service
public class TestSends {

    public static final String SUBJECT_PREFIX = "[TEST] ";

    /** One test message: which row it shows, where it went and what the provider answered. */
    public record Sent(int row, String to, SendOutcome.Kind outcome, String providerMessageId, String detail) {

        public boolean accepted() {
            return outcome == SendOutcome.Kind.ACCEPTED;
        }
    }

    private final CampaignPreview preview;
    private final ProviderRegistry providers;
    private final ProviderAccounts accounts;

    public TestSends(CampaignPreview preview, ProviderRegistry providers, ProviderAccounts accounts) {
        this.preview = preview;
        this.providers = providers;
        this.accounts = accounts;
    }

    /**
     * Sends the first {@code rows} sendable rows to each of {@code testAddresses}. Refuses, before
     * anything is sent, a test address that is not one for the campaign's channel, and a list with
     * no row to send.
     */
    public List<Sent> send(Path definitionFile, Optional<Path> recipients, List<String> testAddresses, int rows) throws Exception {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, not " + rows);
        }
        if (testAddresses.isEmpty()) {
            throw new IllegalArgumentException("give at least one test address");
        }
        CampaignPreview.Sample sample = preview.firstSendable(definitionFile, recipients, rows);
        CampaignDefinition definition = sample.definition();
        List<String> to = addresses(definition, testAddresses);
        if (sample.rows().isEmpty()) {
            throw new InvalidDefinitionException(List.of("the list has no row that would be sent"));
        }
        MessageGateway gateway = providers.account(definition.provider()).gateway(definition.channel(), CampaignEnvelope.of(definition));
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
        return sent;
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

    private static List<String> addresses(CampaignDefinition definition, List<String> testAddresses) {
        AddressRules rules = new AddressRules(definition.channel(), definition.recipients().defaultRegion());
        List<String> addresses = new ArrayList<>();
        for (String address : testAddresses) {
            try {
                addresses.add(rules.normalise(address));
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("test address '" + address + "': " + ex.getMessage()
                        + " (campaign " + definition.name() + " sends " + definition.channel().name().toLowerCase() + ")");
            }
        }
        return addresses;
    }
}
