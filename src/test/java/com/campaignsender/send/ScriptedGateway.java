package com.campaignsender.send;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.campaignsender.gateway.MessageGateway;
import com.campaignsender.gateway.ProviderStatus;
import com.campaignsender.gateway.SendOutcome;
import com.campaignsender.gateway.SendRequest;
import com.campaignsender.gateway.SentSearch;
import com.campaignsender.gateway.StatusFeed;

/** A gateway that answers each recipient with the outcomes scripted for it, in order; then accepts. */
class ScriptedGateway implements MessageGateway {

    private final Map<String, Deque<SendOutcome>> scripts = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    ScriptedGateway answer(String to, SendOutcome... outcomes) {
        scripts.put(to, new ArrayDeque<>(List.of(outcomes)));
        return this;
    }

    @Override
    public String account() {
        return "scripted";
    }

    @Override
    public SendOutcome send(SendRequest request) {
        requests.incrementAndGet();
        Deque<SendOutcome> script = scripts.get(request.to());
        SendOutcome next = script == null ? null : script.poll();
        return next != null ? next : SendOutcome.accepted("id-" + request.to(), "queued", null);
    }

    /** Statuses are not what the sending tests are about. */
    @Override
    public StatusFeed statusFeed() {
        return new StatusFeed.Reports() {
            @Override
            public void drain(Consumer<List<ProviderStatus>> pages) {
            }

            @Override
            public Map<String, ProviderStatus> logged(Collection<String> providerMessageIds) {
                return Map.of();
            }
        };
    }

    /** Its sends are answered: there is nothing to look for. */
    @Override
    public SentSearch searchSent(List<SendRequest> requests, Instant from, Instant before) {
        return new SentSearch() {
            @Override
            public boolean done() {
                return true;
            }

            @Override
            public Map<String, ProviderStatus> next() {
                return Map.of();
            }
        };
    }
}
