package com.campaignsender.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the local RabbitMQ, so that a test can take the broker away from the
 * processes it starts ({@link #cut}: every connection dropped, new ones refused) and give it back
 * ({@link #restore}), without touching the broker that other tests use.
 */
final class BrokerProxy implements AutoCloseable {

    private final String host;
    private final int brokerPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    BrokerProxy(String host, int brokerPort) throws IOException {
        this.host = host;
        this.brokerPort = brokerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        restore();
    }

    int port() {
        return port;
    }

    /** Relays again: connections are accepted and carried to the broker. */
    void restore() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress("127.0.0.1", port));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "broker-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The broker is gone, as far as the processes can tell: their connections drop, new ones are refused. */
    void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket broker = new Socket(host, brokerPort);
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker);
                pump(broker, client);
            }
            catch (IOException ex) {
                // closed by cut(), or the broker refused: the client sees its connection end
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException ex) {
                // one side closed: so is the other, below
            }
            finally {
                close(from);
                close(to);
            }
        }, "broker-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
