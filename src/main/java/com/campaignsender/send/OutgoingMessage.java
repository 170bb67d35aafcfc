package com.campaignsender.send;

import com.campaignsender.gateway.SendRequest;

/** A pending recipient after rendering: the request to send, or why its row could not be rendered. */
public record OutgoingMessage(int row, SendRequest request, String renderError) {
}
