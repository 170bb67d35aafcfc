package com.campaignsender.template;

/** One recipient's message after rendering: subject and html are null where the campaign has none. */
public record RenderedMessage(String subject, String html, String text) {
}
