package com.campaignsender.ledger;

/**
 * Where one recipient row stands (SPEC section 7). The order of writes is the no-duplicate rule:
 * a row is SENDING, committed, before its request leaves; whatever answer comes back moves it on.
 */
public enum DeliveryState {
    PENDING(false),
    REJECTED(true),
    SENDING(false),
    ACCEPTED(false),
    IN_DOUBT(false),
    DELIVERED(true),
    BOUNCED(true),
    FAILED(true),
    EXPIRED(true),
    UNKNOWN(false);

    private final boolean terminal;

    DeliveryState(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when no later poll is expected to change the row (a late bounce still may). */
    public boolean isTerminal() {
        return terminal;
    }
}
