package com.campaignsender.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ledger's index key for a provider's message id: its SHA-256's first eight bytes. A lookup
 * by message id goes through this key and then compares the id itself, so a collision costs a
 * row read, never a wrong match.
 * <p>
 * Why not index the id: providers' ids are random (VoIPBIN's are UUIDs), so every recorded answer
 * lands on a random page of the index, and a string index of them made about a third of the
 * ledger's work per message in the send step; a BIGINT key is cheaper to compare and to store.
 */
public final class MessageKey {

    private MessageKey() {
    }

    public static long of(String providerMessageId) {
        byte[] digest = sha256().digest(providerMessageId.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }
}
