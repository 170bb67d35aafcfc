package com.campaignsender.gateway;

/**
 * What a provider's message on one channel can carry of a campaign: both an html and a text part,
 * cc and bcc, attachments, the campaign's sender (or only the account's own), headers such as
 * List-Unsubscribe. A definition asking for what its provider does not carry is refused at load,
 * or, for the parts a provider leaves out (the text beside the html, the sender), noted at {@code validate}.
 */
public record Carries(boolean htmlAndText, boolean copies, boolean attachments, boolean sender, boolean headers) {

    /** An SMS: a text, from the campaign's number. */
    public static final Carries TEXT = new Carries(false, false, false, true, false);
}
