package com.campaignsender.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ways providers prove a webhook push is theirs. Every comparison takes the same time
 * whatever the bytes, so that a forger cannot find a signature a byte at a time.
 */
public final class WebhookCredentials {

    private WebhookCredentials() {
    }

    /** Whether {@code header} is {@code sha256=<lowercase hex HMAC-SHA256 of body keyed by secret>}. */
    public static boolean signedSha256(String secret, byte[] body, String header) {
        String expected = "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body));
        return header != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code authorization} is HTTP Basic authentication with this username and password. */
    public static boolean basic(String username, String password, String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password))
                .getBytes(StandardCharsets.UTF_8));
        return authorization != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.strip().getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
        }
    }
}
