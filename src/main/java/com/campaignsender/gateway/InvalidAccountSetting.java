package com.campaignsender.gateway;

/**
 * A provider account's setting that cannot be used ({@code campaign.providers.eu.type: 'eu' is not
 * a provider}), found as the application starts: its message names the key, and nothing was sent.
 */
public class InvalidAccountSetting extends IllegalArgumentException {

    public InvalidAccountSetting(String message) {
        super(message);
    }
}
