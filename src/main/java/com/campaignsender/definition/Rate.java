package com.campaignsender.definition;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A send rate as written in a definition: {@code 50/s}, {@code 3000/m}, {@code 100000/h}. */
public record Rate(long permits, Duration period) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*([smh])\\s*");

    public static Rate parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a rate like 50/s, 3000/m or 100000/h");
        }
        Duration period = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new Rate(Long.parseLong(matcher.group(1)), period);
    }
}
