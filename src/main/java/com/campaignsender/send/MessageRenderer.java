package com.campaignsender.send;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.template.CompiledTemplates;
import com.campaignsender.template.RenderException;
import com.campaignsender.template.RenderedMessage;

/**
 * Send step, per recipient: fills the run's compiled templates with the recipient's row and the
 * recipient's unsubscribe link (where the service has a public address to link to). The same
 * row renders the same message every time: the search for a lost answer's message relies on it.
 */
public class MessageRenderer implements ItemProcessor<RecipientToSend, OutgoingMessage> {

    private final CampaignDefinition definition;
    private final long runId;
    private final CompiledTemplates templates;
    private final UnsubscribeLinks links;

    public MessageRenderer(CampaignDefinition definition, long runId, CompiledTemplates templates, UnsubscribeLinks links) {
        this.definition = definition;
        this.runId = runId;
        this.templates = templates;
        this.links = links;
    }

    @Override
    public OutgoingMessage process(RecipientToSend recipient) {
        String link = links.configured() ? links.urlFor(runId, recipient.row()) : null;
        try {
            RenderedMessage message = templates.render(recipient.fields(),
                    link == null ? Map.of() : Map.of(UnsubscribeLinks.VARIABLE, link));
            String reference = definition.name() + "-" + runId + "-" + recipient.row();
            // An internationalised domain goes out as IDNA A-labels, whatever the provider.
            String to = definition.channel() == Channel.EMAIL ? AddressRules.forSending(recipient.address()) : recipient.address();
            return new OutgoingMessage(recipient.row(), new SendRequest(reference, to, message.subject(),
                    message.html(), message.text(), definition.unsubscribe() ? link : null), null);
        }
        catch (RenderException ex) {
            return new OutgoingMessage(recipient.row(), null, ex.getMessage());
        }
    }
}
