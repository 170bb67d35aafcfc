package com.campaignsender.ledger;

/**
 * Where one recipient row stands (SPEC sections 7 and 17); {@link LedgerEvent} says how a row
 * moves between them. The order of writes is the no-duplicate rule: a row is SENDING, committed,
 * before its request leaves; whatever answer comes back moves it on. CANCELLED: never sent,
 * because its run was cancelled (SPEC section 13). UNKNOWN: its request got no answer from a
 * provider that cannot be asked afterwards (an SMTP relay, SPEC section 21): it may have been
 * sent, and it is not sent again.
 */
public enum DeliveryState {
    PENDING, REJECTED, SENDING, ACCEPTED, IN_DOUBT, DELIVERED, BOUNCED, FAILED, EXPIRED, UNKNOWN, CANCELLED;

    /** Whether a run may end with a row here: nothing more is done for it (ACCEPTED awaits only the provider's word). */
    public boolean settled() {
        return this != PENDING && this != SENDING && this != IN_DOUBT;
    }
}
