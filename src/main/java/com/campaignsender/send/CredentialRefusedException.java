package com.campaignsender.send;

/** The provider refused the account's credential (401/403): the run stops at once, restartable. */
public class CredentialRefusedException extends RuntimeException {

    public CredentialRefusedException(String message) {
        super(message);
    }
}
