package com.campaignsender.gateway;

import java.time.Duration;

/** A rate an account may not exceed: {@code permits} per {@code period}, at most {@code burst} at once. */
public record Limit(long permits, Duration period, int burst) {
}
