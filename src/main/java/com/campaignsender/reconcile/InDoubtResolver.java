package com.campaignsender.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.ledger.DeliveryState;
import com.campaignsender.ledger.RecipientLedger;
import com.campaignsender.ledger.RecipientToSend;
import com.campaignsender.ledger.SendResult;

/**
 * Settles the rows whose request got no answer, or that a crash left mid-send (SPEC section 7):
 * the provider is asked for each one's message (Infobip by the messageId we chose, VoIPBIN by
 * recipient and content among what the account created since the run began). Found: ACCEPTED
 * with the provider's id, or already its final state. Provably not found: PENDING, to be sent in
 * another pass, or FAILED once {@code limits.max-attempts} requests were made for it.
 */
@Component
public class InDoubtResolver {

    private static final int PAGE = 500;

    private final RecipientLedger ledger;
    private final TransactionTemplate ownTransaction;

    public InDoubtResolver(RecipientLedger ledger, TransactionTemplate ownTransaction) {
        this.ledger = ledger;
        this.ownTransaction = ownTransaction;
    }

    /** Settles every IN_DOUBT row of the run; answers how many rows are PENDING afterwards. */
    public long resolve(long runId, Instant since, MessageGateway gateway, Function<RecipientToSend, SendRequest> render,
            int maxAttempts) {
        int after = 0;
        List<RecipientToSend> page;
        do {
            page = ledger.rowsAfter(runId, DeliveryState.IN_DOUBT, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Integer, SendRequest> requests = new LinkedHashMap<>();
            page.forEach(row -> requests.put(row.row(), render.apply(row)));
            Map<String, ProviderStatus> found = gateway.findSent(new ArrayList<>(requests.values()), since);
            List<SendResult> results = new ArrayList<>(page.size());
            for (RecipientToSend row : page) {
                ProviderStatus status = found.get(requests.get(row.row()).reference());
                results.add(status != null ? found(row, status) : notFound(row, gateway.provider(), maxAttempts));
            }
            ownTransaction.executeWithoutResult(tx -> ledger.recordResults(runId, results));
            after = page.get(page.size() - 1).row();
        } while (page.size() == PAGE);
        return ownTransaction.execute(tx -> ledger.countByState(runId).getOrDefault(DeliveryState.PENDING, 0L));
    }

    private static SendResult found(RecipientToSend row, ProviderStatus status) {
        return new SendResult(row.row(), StatusRecorder.state(status.outcome()), status.providerMessageId(),
                status.status(), null, null, 0);
    }

    private static SendResult notFound(RecipientToSend row, String provider, int maxAttempts) {
        if (row.attempts() < maxAttempts) {
            return new SendResult(row.row(), DeliveryState.PENDING, null, null,
                    "no answer, and " + provider + " has no such message: sent again", null, 0);
        }
        return new SendResult(row.row(), DeliveryState.FAILED, null, null, "no answer to " + row.attempts()
                + " attempts, and " + provider + " has no such message", null, 0);
    }
}
