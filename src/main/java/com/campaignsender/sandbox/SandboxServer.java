package com.campaignsender.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in provider simulator (SPEC section 9), an HTTP server on the loopback interface.
 * Started in-process when a provider's base-url is {@code sandbox}, so a new user runs a real
 * campaign over real HTTP with no account and no cost.
 */
public class SandboxServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);

    static {
        // The JDK server writes an answer's headers and body apart; with Nagle's algorithm on, the
        // client's delayed ACK held every answer ~40 ms, and the stub, not the sender, set the pace.
        // Read once, when the JDK server's configuration loads: before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxFaults faults;
    private final SandboxStore store;
    private final List<ProviderSandbox> providers;
    private final SandboxSettings settings;
    /** Started when first asked for: most sandboxes play HTTP providers only. */
    private SandboxRelay relay;

    public SandboxServer(int port, SandboxSettings settings, SandboxStore store, JsonMapper json) {
        this.settings = settings;
        this.store = store;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("the sandbox cannot listen on port " + port, ex);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        faults = new SandboxFaults(settings);
        providers = List.of(new VoipbinSandboxHandler(store, settings, faults, json),
                new InfobipSandboxHandler(store, settings, faults, json));
        providers.forEach(provider -> server.createContext(provider.root(), provider));
        server.createContext(InboundTextSimulator.PATH, new InboundTextSimulator(store, settings.webhookSecret(), json));
        server.start();
        log.info("Built-in sandbox provider listening on {}: nothing leaves this machine", baseUrl());
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** The base-url of a provider's API here, for an account of {@code type} on the sandbox (its SMTP relay's for {@code smtp}). */
    public URI baseUrl(String type) {
        if (type.equals(SandboxRelay.TYPE)) {
            return relay().smtpUrl();
        }
        return providers.stream().filter(provider -> provider.type().equals(type)).findFirst()
                .map(provider -> URI.create(baseUrl() + provider.basePath()))
                .orElseThrow(() -> new IllegalArgumentException("the sandbox plays no " + type + " API; set a base-url for it"));
    }

    /** The provider types it plays. */
    public List<String> types() {
        return Stream.concat(providers.stream().map(ProviderSandbox::type), Stream.of(SandboxRelay.TYPE)).toList();
    }

    /** Its SMTP relay and bounce mailbox, started now if they are not yet. */
    public synchronized SandboxRelay relay() {
        if (relay == null) {
            relay = SandboxRelay.of(settings);
            relay.start();
        }
        return relay;
    }

    public SandboxStore store() {
        return store;
    }

    @Override
    public synchronized void close() {
        if (relay != null) {
            relay.stop();
        }
        server.stop(0);
        executor.shutdownNow();
        faults.close();
    }
}
