package com.campaignsender.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.campaignsender.serve.ServerSettings;

/**
 * The secrets the web side is started with, checked before it answers anyone (SPEC section 19):
 * a token is required unless the service listens on loopback only, and the token and the webhook
 * path secret must be too long to guess (24 characters or more; a random one is easy to make).
 */
final class ServerSecrets {

    static final int SHORTEST = 24;
    static final String HOW_TO_MAKE = "make one with: openssl rand -hex 24";

    private ServerSecrets() {
    }

    /** The token, or null when the service runs without one (loopback only). */
    static String checkedToken(ServerSettings settings, String serverAddress) {
        String token = blankAsNull(settings.token());
        if (token == null && !loopback(serverAddress)) {
            throw new InvalidServerSetting("campaign.server.token must be set when server.address is not a loopback address ("
                    + (serverAddress == null || serverAddress.isBlank() ? "all addresses" : serverAddress) + "); " + HOW_TO_MAKE);
        }
        requireLong("campaign.server.token", token);
        requireLong("campaign.server.webhook-secret", blankAsNull(settings.webhookSecret()));
        return token;
    }

    private static void requireLong(String key, String secret) {
        if (secret != null && secret.length() < SHORTEST) {
            throw new InvalidServerSetting(key + " is " + secret.length() + " characters long; it must have at least "
                    + SHORTEST + " so that it cannot be guessed: " + HOW_TO_MAKE);
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
