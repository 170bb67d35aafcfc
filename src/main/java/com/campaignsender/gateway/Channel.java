package com.campaignsender.gateway;

/** What kind of message a campaign sends; decides the address rules and the provider API. */
public enum Channel {
    EMAIL, SMS
}
