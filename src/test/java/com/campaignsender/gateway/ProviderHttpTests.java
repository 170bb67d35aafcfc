package com.campaignsender.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.SendOutcome.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHttpTests {

    private final CloseableHttpClient client = ProviderHttp.newClient();
    private final ProviderHttp http = new ProviderHttp(client, new Redaction(), Duration.ofSeconds(2));

    @AfterEach
    void close() throws IOException {
        client.close();
    }

    /**
     * Providers close keep-alive connections that idle: the next POST must not go out on such a
     * connection, where it would fail with no answer and leave its message in doubt.
     */
    @Test
    void aConnectionTheProviderClosedWhileItIdledIsNotUsedForTheNextPost() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            AtomicInteger connections = new AtomicInteger();
            CountDownLatch firstClosed = new CountDownLatch(1);
            Thread provider = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        try (Socket connection = server.accept()) {
                            connections.incrementAndGet();
                            answerOneRequest(connection);
                        }
                        firstClosed.countDown(); // keep-alive was promised, and the connection closed all the same
                    }
                }
                catch (IOException ex) {
                    // the test fails on its own assertions
                }
            });
            provider.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/emails";

            assertThat(http.send(post(url), "POST /emails", answer -> SendOutcome.accepted("1", null, null)).kind())
                    .isEqualTo(Kind.ACCEPTED);
            assertThat(firstClosed.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // longer than the idle time after which a pooled connection is checked

            SendOutcome second = http.send(post(url), "POST /emails", answer -> SendOutcome.accepted("2", null, null));

            assertThat(second.kind()).as(second.detail()).isEqualTo(Kind.ACCEPTED);
            assertThat(connections).hasValue(2);
            provider.join(5_000);
        }
    }

    private static HttpPost post(String url) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON));
        return post;
    }

    private static void answerOneRequest(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.skip(length);
        OutputStream out = connection.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
