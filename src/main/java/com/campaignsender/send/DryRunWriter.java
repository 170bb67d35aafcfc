package com.campaignsender.send;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.SendResult;
import com.campaignsender.ledger.SendingLedger;
import com.campaignsender.template.SmsSegments;

/**
 * The send step of a dry run: every row is rendered, nothing is sent. A row that cannot be
 * rendered is REJECTED as in a real run; the others stay PENDING ("would be sent"), with their
 * SMS segment count, so that the report shows what the real run would cost. Where messages carry
 * unsubscribe links, the first is logged, so that the link can be tried before the real run.
 */
class DryRunWriter implements ItemWriter<OutgoingMessage> {

    private static final Logger log = LoggerFactory.getLogger(DryRunWriter.class);

    private final long runId;
    private final Channel channel;
    private final SendingLedger ledger;
    private final TransactionTemplate ownTransaction;
    private boolean linkShown;

    DryRunWriter(long runId, Channel channel, SendingLedger ledger, TransactionTemplate ownTransaction) {
        this.runId = runId;
        this.channel = channel;
        this.ledger = ledger;
        this.ownTransaction = ownTransaction;
    }

    @Override
    public void write(Chunk<? extends OutgoingMessage> chunk) {
        List<SendResult> results = new ArrayList<>();
        for (OutgoingMessage message : chunk) {
            if (!linkShown && message.request() != null && message.request().unsubscribeUrl() != null) {
                log.info("Run {} (dry run): row {}'s unsubscribe link is {} (every message carries its own)", runId,
                        message.row(), message.request().unsubscribeUrl());
                linkShown = true;
            }
            if (message.request() == null) {
                results.add(new SendResult(message.row(), DeliveryState.REJECTED, null, null, message.renderError(), null, 0));
            }
            else if (channel == Channel.SMS) {
                results.add(new SendResult(message.row(), DeliveryState.PENDING, null, null, null,
                        SmsSegments.count(message.request().text()).segments(), 0));
            }
        }
        if (!results.isEmpty()) {
            ownTransaction.executeWithoutResult(status -> ledger.recordRendered(runId, results));
        }
    }
}
