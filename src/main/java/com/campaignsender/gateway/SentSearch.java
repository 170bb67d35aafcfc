package com.campaignsender.gateway;

import java.util.Map;

/**
 * The provider's record searched for the messages of requests whose answers never came, a call
 * at a time ({@link MessageGateway#searchSent}). A call the provider fails throws a
 * {@link ProviderException} and is made again by the next {@link #next()}, so a search goes on
 * from where it failed instead of starting over; it proves a request created nothing only once
 * {@link #done()}: every call that could hold its message was answered.
 */
public interface SentSearch {

    /** Whether every call the search needs has been answered. */
    boolean done();

    /**
     * Makes the next call: the messages it shows of the requests, by request reference. Calls go
     * from the newest messages to the oldest, so where two calls show a request's message the
     * later call's is the older, the one its request created; the others would be duplicates.
     */
    Map<String, ProviderStatus> next();
}
