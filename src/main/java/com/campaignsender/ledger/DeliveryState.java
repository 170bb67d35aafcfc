package com.campaignsender.ledger;

/**
 * Where one recipient row stands (SPEC sections 7 and 17); {@link LedgerEvent} says how a row
 * moves between them. The order of writes is the no-duplicate rule: a row is SENDING, committed,
 * before its request leaves; whatever answer comes back moves it on. CANCELLED: never sent,
 * because its run was cancelled (SPEC section 13).
 */
public enum DeliveryState {
    PENDING, REJECTED, SENDING, ACCEPTED, IN_DOUBT, DELIVERED, BOUNCED, FAILED, EXPIRED, CANCELLED;

    /** Whether a run may end with a row here: nothing more is done for it (ACCEPTED awaits only the provider's word). */
    public boolean settled() {
        return this != PENDING && this != SENDING && this != IN_DOUBT;
    }
}
