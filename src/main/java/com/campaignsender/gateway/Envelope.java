package com.campaignsender.gateway;

import java.util.List;
import java.util.Map;

/**
 * What every message of a campaign carries besides its rendered content: the sender, copies,
 * attachments (read once per run) and the provider's own request fields, named as the provider
 * names them (for Infobip: {@code notifyUrl}, {@code trackingUrl}, {@code ipPoolId}, ...).
 */
public record Envelope(String fromAddress, String fromName, List<String> cc, List<String> bcc,
        List<Attachment> attachments, Map<String, String> providerFields) {

    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    public static Envelope from(String address, String name) {
        return new Envelope(address, name, List.of(), List.of(), List.of(), Map.of());
    }
}
