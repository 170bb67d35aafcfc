package com.campaignsender.send;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.template.CompiledTemplates;
import com.campaignsender.template.RenderException;
import com.campaignsender.template.RenderedMessage;

/** Send step, per recipient: fills the run's compiled templates with the recipient's row. */
class MessageRenderer implements ItemProcessor<RecipientToSend, OutgoingMessage> {

    private final CampaignDefinition definition;
    private final long runId;
    private final CompiledTemplates templates;

    MessageRenderer(CampaignDefinition definition, long runId, CompiledTemplates templates) {
        this.definition = definition;
        this.runId = runId;
        this.templates = templates;
    }

    @Override
    public OutgoingMessage process(RecipientToSend recipient) {
        try {
            RenderedMessage message = templates.render(recipient.fields());
            String reference = definition.name() + "-" + runId + "-" + recipient.row();
            return new OutgoingMessage(recipient.row(), new SendRequest(reference, recipient.address(), message.subject(),
                    message.html(), message.text()), null);
        }
        catch (RenderException ex) {
            return new OutgoingMessage(recipient.row(), null, ex.getMessage());
        }
    }
}
