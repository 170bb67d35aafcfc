package com.campaignsender.ledger;

/** A run as a whole: RUNNING until its job ends; FAILED runs resume when started again. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED
}
