package com.campaignsender.gateway;

/** A text a recipient sent to one of the account's numbers: {@code from} is their number (E.164). */
public record InboundText(String provider, String messageId, String from, String text) {
}
