package com.campaignsender.rights;

import java.util.Locale;
import java.util.Set;

/**
 * What a recipient's text asks (SPEC section 15): the carriers' stop words take their number off
 * every SMS campaign, START or UNSTOP puts it back. Case and spaces do not matter ("Stop ",
 * "s t o p"); anything else is no request.
 */
public enum StopWords {
    STOP, START, NONE;

    private static final Set<String> STOPPING = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> STARTING = Set.of("START", "UNSTOP");

    public static StopWords of(String text) {
        String word = text == null ? "" : text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return STOPPING.contains(word) ? STOP : STARTING.contains(word) ? START : NONE;
    }
}
