package com.campaignsender.gateway.infobip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body (RFC 7578), built part by part; the JDK client has none. */
final class MultipartBody {

    private final String boundary = "campaign-sender-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Adds a text field; a null value adds nothing, so optional fields can be passed as they are. */
    MultipartBody field(String name, String value) {
        if (value != null) {
            head("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: text/plain; charset=UTF-8");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        return this;
    }

    MultipartBody file(String name, String fileName, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName.replace("\"", "")
                + "\"\r\nContent-Type: " + contentType);
        out.writeBytes(content);
        out.writeBytes(CRLF);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream(out.size() + 64);
        whole.writeBytes(out.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return whole.toByteArray();
    }

    private void head(String headers) {
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final byte[] CRLF = { '\r', '\n' };
}
