package com.campaignsender.security;

/**
 * A setting of the web side that would let in who does not belong ({@code campaign.server.token}
 * missing on a public address, a token or webhook secret short enough to guess): the service does
 * not start, and the message names the setting and how to make a good value.
 */
public class InvalidServerSetting extends RuntimeException {

    InvalidServerSetting(String message) {
        super(message);
    }
}
