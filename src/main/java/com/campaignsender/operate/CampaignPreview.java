package com.campaignsender.operate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.ProviderException;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.CsvRow;
import com.campaignsender.recipients.RecipientClassifier;
import com.campaignsender.recipients.RecipientCsvReader;
import com.campaignsender.recipients.RecipientZones;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.send.CampaignPreflight;
import com.campaignsender.send.MessageRenderer;
import com.campaignsender.send.OutgoingMessage;
import com.campaignsender.template.SmsSegments;
import com.campaignsender.template.TemplateCompiler;

/**
 * {@code preview}: the campaign's messages as they would be sent, without a run, a ledger or a
 * provider. The first rows are handed over rendered; the whole list is streamed once for the
 * totals (rows that would be rejected for their address or their rendering, and for SMS the
 * segments). Duplicates and suppressed addresses are found only by a run. Nothing is sent; only a
 * list with an address the account may not carry (a local part that is not ASCII) has its account asked.
 */
@Service
public class CampaignPreview {

    /**
     * One row as it would go out: its rendered message, or why it would be rejected. A preview
     * belongs to no run, so its unsubscribe links name none: they show the form, and unsubscribe nobody.
     */
    public record Row(int row, String address, String rejection, SendRequest message, SmsSegments.Count segments) {
    }

    public record Totals(long rows, long sendable, long rejected, long segments) {
    }

    /** A campaign and rows of its list as they would go out. */
    public record Sample(CampaignDefinition definition, List<Row> rows) {
    }

    /** The run id of a preview's messages: no run has it. */
    private static final long NO_RUN = 0;

    private final CampaignPreflight preflight;
    private final TemplateCompiler templates;
    private final UnsubscribeLinks links;
    private final ProviderRegistry providers;

    public CampaignPreview(CampaignPreflight preflight, TemplateCompiler templates, UnsubscribeLinks links,
            ProviderRegistry providers) {
        this.preflight = preflight;
        this.templates = templates;
        this.links = links;
        this.providers = providers;
    }

    public Totals preview(Path definitionFile, Optional<Path> recipients, int shown, Consumer<Row> rows) throws Exception {
        return preview(preflight.check(definitionFile, recipients), CampaignFiles.DISK, shown, rows);
    }

    /** As {@link #preview(Path, Optional, int, Consumer)}, for a campaign checked as {@code files} hold it (a run's snapshot). */
    public Totals preview(CampaignPreflight.Checked checked, CampaignFiles files, int shown, Consumer<Row> rows)
            throws Exception {
        int[] seen = {0};
        return scan(checked, files, row -> {
            if (++seen[0] <= shown) {
                rows.accept(row);
            }
            return true;
        });
    }

    /** The campaign, and its list's first {@code count} rows that would be sent, rendered; reads no further. */
    public Sample firstSendable(Path definitionFile, Optional<Path> recipients, int count) throws Exception {
        return firstSendable(preflight.check(definitionFile, recipients), CampaignFiles.DISK, count);
    }

    /** As {@link #firstSendable(Path, Optional, int)}, for a campaign checked as {@code files} hold it (a run's snapshot). */
    public Sample firstSendable(CampaignPreflight.Checked checked, CampaignFiles files, int count) throws Exception {
        List<Row> sendable = new ArrayList<>();
        scan(checked, files, row -> {
            if (row.rejection() == null) {
                sendable.add(row);
            }
            return sendable.size() < count;
        });
        return new Sample(checked.definition(), sendable);
    }

    /**
     * Whether the campaign's account carries an address whose local part is not ASCII. A preview
     * sends nothing: an account that cannot be asked now (its relay down) is why such a row would not
     * go, not a failure of the preview.
     */
    private Supplier<Optional<String>> unicodeLocalParts(CampaignDefinition definition) {
        AccountConnection account = providers.account(definition.provider());
        return () -> {
            try {
                return account.unicodeLocalPartsRefused();
            }
            catch (ProviderException ex) {
                return Optional.of("which cannot be known now: " + ex.getMessage());
            }
        };
    }

    /** Renders the list's rows in order while {@code more} answers true; the totals of the rows read. */
    private Totals scan(CampaignPreflight.Checked checked, CampaignFiles files, Predicate<Row> more) throws Exception {
        CampaignDefinition definition = checked.definition();
        MessageRenderer renderer = new MessageRenderer(definition, NO_RUN, templates.compile(definition.template(), files),
                links);
        RecipientClassifier classifier = RecipientClassifier.of(definition, unicodeLocalParts(definition));
        RecipientCsvReader reader = new RecipientCsvReader(checked.recipients(), definition.recipients().separator());
        long total = 0;
        long sendable = 0;
        long segments = 0;
        reader.open(new ExecutionContext());
        try {
            for (CsvRow csvRow = reader.read(); csvRow != null; csvRow = reader.read()) {
                total++;
                Row row = render(classifier.process(csvRow), renderer, definition.channel());
                if (row.rejection() == null) {
                    sendable++;
                    segments += row.segments() == null ? 0 : row.segments().segments();
                }
                if (!more.test(row)) {
                    break;
                }
            }
        }
        finally {
            reader.close();
        }
        return new Totals(total, sendable, total - sendable, segments);
    }

    private static Row render(NewRecipient recipient, MessageRenderer renderer, Channel channel) {
        if (recipient.state() == DeliveryState.REJECTED) {
            return new Row(recipient.row(), recipient.address(), recipient.error(), null, null);
        }
        OutgoingMessage message = renderer.process(new RecipientToSend(recipient.row(), recipient.address(), recipient.fields(), 0));
        if (message.request() == null) {
            return new Row(recipient.row(), recipient.address(), message.renderError(), null, null);
        }
        SmsSegments.Count segments = channel == Channel.SMS ? SmsSegments.count(message.request().text()) : null;
        return new Row(recipient.row(), recipient.address(), null, message.request(), segments);
    }
}
