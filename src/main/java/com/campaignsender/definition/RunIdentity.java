package com.campaignsender.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who a run is: the campaign plus the SHA-256 of its recipient file. The same list given to the
 * same campaign again is the same run, whatever the file is called, so it is resumed or refused
 * instead of sent twice.
 */
public record RunIdentity(String campaign, String recipientsSha256) {

    public static RunIdentity of(String campaign, Path recipientsFile) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(recipientsFile), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return new RunIdentity(campaign, HexFormat.of().formatHex(digest.digest()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read recipient file " + recipientsFile, ex);
        }
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
