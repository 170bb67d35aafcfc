package com.campaignsender.send;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.NewRecipient;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.CsvRow;
import com.campaignsender.recipients.RecipientClassifier;
import com.campaignsender.recipients.RecipientCsvReader;
import com.campaignsender.template.CompiledTemplates;
import com.campaignsender.template.RenderException;
import com.campaignsender.template.RenderedMessage;
import com.campaignsender.template.SmsSegments;
import com.campaignsender.template.TemplateCompiler;

/**
 * {@code preview}: the campaign's messages as they would be sent, without a run, a ledger or a
 * provider. The first rows are handed over rendered; the whole list is streamed once for the
 * totals (rows that would be rejected for their address or their rendering, and for SMS the
 * segments). Duplicates and suppressed addresses are found only by a run.
 */
@Service
public class CampaignPreview {

    /** One row as it would go out: its rendered message, or why it would be rejected. */
    public record Row(int row, String address, String rejection, RenderedMessage message, SmsSegments.Count segments) {
    }

    public record Totals(long rows, long sendable, long rejected, long segments) {
    }

    private final CampaignPreflight preflight;
    private final TemplateCompiler templates;

    public CampaignPreview(CampaignPreflight preflight, TemplateCompiler templates) {
        this.preflight = preflight;
        this.templates = templates;
    }

    public Totals preview(Path definitionFile, Optional<Path> recipients, int shown, Consumer<Row> rows) throws Exception {
        CampaignPreflight.Checked checked = preflight.check(definitionFile, recipients);
        CampaignDefinition definition = checked.definition();
        CompiledTemplates compiled = templates.compile(definition.template());
        RecipientClassifier classifier = new RecipientClassifier(definition.recipients().addressColumn(),
                new AddressRules(definition.channel(), definition.recipients().defaultRegion()));
        RecipientCsvReader reader = new RecipientCsvReader(checked.recipients(), definition.recipients().separator());
        long total = 0;
        long sendable = 0;
        long segments = 0;
        reader.open(new ExecutionContext());
        try {
            for (CsvRow csvRow = reader.read(); csvRow != null; csvRow = reader.read()) {
                total++;
                Row row = render(classifier.process(csvRow), compiled, definition.channel());
                if (row.rejection() == null) {
                    sendable++;
                    segments += row.segments() == null ? 0 : row.segments().segments();
                }
                if (total <= shown) {
                    rows.accept(row);
                }
            }
        }
        finally {
            reader.close();
        }
        return new Totals(total, sendable, total - sendable, segments);
    }

    private static Row render(NewRecipient recipient, CompiledTemplates templates, Channel channel) {
        if (recipient.state() == DeliveryState.REJECTED) {
            return new Row(recipient.row(), recipient.address(), recipient.error(), null, null);
        }
        try {
            RenderedMessage message = templates.render(recipient.fields());
            SmsSegments.Count segments = channel == Channel.SMS ? SmsSegments.count(message.text()) : null;
            return new Row(recipient.row(), recipient.address(), null, message, segments);
        }
        catch (RenderException ex) {
            return new Row(recipient.row(), recipient.address(), ex.getMessage(), null, null);
        }
    }
}
