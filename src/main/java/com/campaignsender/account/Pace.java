package com.campaignsender.account;

/** A budget that sending threads take their turns from, one request at a time. */
public interface Pace {

    /** Blocks until one more request may go. */
    void acquire() throws InterruptedException;
}
