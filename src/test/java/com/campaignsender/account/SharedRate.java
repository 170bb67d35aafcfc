package com.campaignsender.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a provider saw of two campaigns sending through one account, from its messages (recipient,
 * creation time): messages per recipient, and the rate of both together while both were sending.
 */
record SharedRate(Map<String, Long> perRecipient, double perSecondWhileBothSend) {

    static SharedRate of(List<Map.Entry<String, Instant>> created, String first, String second) {
        List<Instant> a = times(created, first);
        List<Instant> b = times(created, second);
        Instant from = a.get(0).isAfter(b.get(0)) ? a.get(0) : b.get(0);
        Instant to = a.get(a.size() - 1).isBefore(b.get(b.size() - 1)) ? a.get(a.size() - 1) : b.get(b.size() - 1);
        long within = created.stream().map(Map.Entry::getValue).filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        return new SharedRate(created.stream().filter(message -> message.getKey().endsWith(first) || message.getKey().endsWith(second))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting())), within / seconds);
    }

    private static List<Instant> times(List<Map.Entry<String, Instant>> created, String domain) {
        return created.stream().filter(message -> message.getKey().endsWith(domain)).map(Map.Entry::getValue).sorted().toList();
    }
}
