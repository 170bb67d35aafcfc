package com.campaignsender.gateway;

/** A text a recipient sent to one of the account's numbers: {@code from} is their number (E.164); {@code account} the account it reached. */
public record InboundText(String account, String messageId, String from, String text) {
}
