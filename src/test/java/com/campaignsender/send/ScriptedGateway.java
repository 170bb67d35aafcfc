package com.campaignsender.send;

import java.time.Instant;
import java.util.ArrayDeque;
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

/** A gateway that answers each recipient with the outcomes scripted for it, in order; then accepts. */
class ScriptedGateway implements MessageGateway {

    private final Map<String, Deque<SendOutcome>> scripts = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    ScriptedGateway answer(String to, SendOutcome... outcomes) {
        scripts.put(to, new ArrayDeque<>(List.of(outcomes)));
        return this;
    }

    @Override
    public String provider() {
        return "scripted";
    }

    @Override
    public SendOutcome send(SendRequest request) {
        requests.incrementAndGet();
        Deque<SendOutcome> script = scripts.get(request.to());
        SendOutcome next = script == null ? null : script.poll();
        return next != null ? next : SendOutcome.accepted("id-" + request.to(), "queued", null);
    }

    @Override
    public void readStatuses(Instant since, Consumer<List<ProviderStatus>> pages) {
    }

    @Override
    public void listCreated(Instant since, Consumer<List<ProviderStatus>> pages) {
    }

    @Override
    public Map<String, ProviderStatus> findSent(List<SendRequest> requests, Instant since) {
        return Map.of();
    }
}
