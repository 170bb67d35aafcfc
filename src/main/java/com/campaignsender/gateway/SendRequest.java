package com.campaignsender.gateway;

/**
 * One rendered message to one recipient. {@code reference} is our own id for it (campaign, run
 * and row), which providers that accept one store as the message id; {@code subject} and
 * {@code html} are null for SMS. {@code unsubscribeUrl}, when the campaign offers unsubscribing,
 * is the recipient's link, for the gateways that can carry it as a header as well as in the body.
 */
public record SendRequest(String reference, String to, String subject, String html, String text, String unsubscribeUrl) {
}
