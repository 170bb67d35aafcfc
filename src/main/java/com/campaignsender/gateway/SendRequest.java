package com.campaignsender.gateway;

/**
 * One message to one recipient, rendered. {@code reference} is our own id for it (campaign, run
 * and row), for providers that accept one; {@code html} and {@code subject} are null for SMS.
 */
public record SendRequest(String reference, String fromAddress, String fromName, String to, String subject,
        String html, String text) {
}
