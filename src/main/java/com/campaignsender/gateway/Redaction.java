package com.campaignsender.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Removes the given secrets from text before it reaches a log, a report or an exception. */
public final class Redaction {

    private final List<String> secrets;

    public Redaction(String... secrets) {
        this.secrets = Arrays.stream(secrets).filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList();
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "[redacted]");
        }
        return result;
    }
}
