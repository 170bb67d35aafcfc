package com.campaignsender.ledger;

/**
 * What an operator asked of a run (SPEC section 13), recorded on the run so that whichever
 * process sends it obeys before its next chunk.
 */
public enum RunControl {
    PAUSE,
    CANCEL
}
