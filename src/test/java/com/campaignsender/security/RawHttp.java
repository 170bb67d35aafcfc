package com.campaignsender.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP as an attacker writes it: any path byte for byte, any Host, a Content-Length the body never
 * reaches. Answers the response head, or throws when none came within the time given, which is
 * what a server that waits for the announced body does.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}; answers the response head. */
    static String exchange(int port, String head, String body, Duration within) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) within.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                int next;
                while ((next = in.read()) != -1) {
                    answer.write(next);
                    if (answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        break;
                    }
                }
            }
            catch (SocketTimeoutException ex) {
                throw new SocketTimeoutException("no answer within " + within + " to: " + head.lines().findFirst().orElse(""));
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status code of a response head. */
    static int status(String responseHead) {
        return Integer.parseInt(responseHead.substring(9, 12));
    }
}
