package com.campaignsender.gateway;

/** A provider call other than a send failed (a status read); the message never holds a credential. */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }
}
