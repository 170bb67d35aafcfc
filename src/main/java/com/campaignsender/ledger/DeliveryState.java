package com.campaignsender.ledger;

/**
 * Where one recipient row stands (SPEC section 7). The order of writes is the no-duplicate rule:
 * a row is SENDING, committed, before its request leaves; whatever answer comes back moves it on.
 * CANCELLED: never sent, because its run was cancelled (SPEC section 13).
 */
public enum DeliveryState {
    PENDING, REJECTED, SENDING, ACCEPTED, IN_DOUBT, DELIVERED, BOUNCED, FAILED, EXPIRED, UNKNOWN, CANCELLED
}
