package com.campaignsender.recipients;

import com.campaignsender.ledger.RowReason;

/** A row's cell that cannot be used (an address, a time zone), with the reason its row is rejected for. */
public class RowRejection extends IllegalArgumentException {

    private final transient RowReason reason;

    RowRejection(RowReason reason) {
        super(reason.text());
        this.reason = reason;
    }

    public RowReason reason() {
        return reason;
    }
}
