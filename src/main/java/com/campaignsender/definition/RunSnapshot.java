package com.campaignsender.definition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run started with (SPEC section 20): its definition, templates and attachments as they
 * were when it began, by the absolute paths they were read from. A run reads its campaign from
 * here, never from the disk again, so that an edited template or a moved folder changes nothing
 * of a run under way, on this machine or a worker's.
 */
public record RunSnapshot(Map<Path, byte[]> files) implements CampaignFiles {

    public RunSnapshot {
        files = Map.copyOf(files);
    }

    @Override
    public boolean exists(Path path) {
        Path wanted = path.toAbsolutePath().normalize();
        return files.keySet().stream().anyMatch(file -> file.startsWith(wanted));
    }

    @Override
    public boolean isFile(Path path) {
        return files.containsKey(path.toAbsolutePath().normalize());
    }

    @Override
    public byte[] read(Path path) throws IOException {
        byte[] content = files.get(path.toAbsolutePath().normalize());
        if (content == null) {
            throw new NoSuchFileException(path.toString(), null, "not in the run's snapshot");
        }
        return content;
    }

    /** The SHA-256 of one file's bytes, in hex. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** One digest of the whole snapshot: of each file's path and SHA-256, in path order. */
    public String digest() {
        Map<Path, String> sha256s = new TreeMap<>();
        files.forEach((path, content) -> sha256s.put(path, sha256(content)));
        return digest(sha256s);
    }

    /** The snapshot's digest from its files' SHA-256s alone (by path), as {@link #digest()} makes it. */
    public static String digest(Map<Path, String> sha256s) {
        MessageDigest digest = sha256();
        new TreeMap<>(sha256s).forEach((path, sha256) -> digest.update((path + "\n" + sha256 + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The snapshot's files that are no longer on disk as they were (changed, moved or gone). */
    public List<Path> changedOnDisk() {
        return new TreeMap<>(files).entrySet().stream().filter(file -> {
            try {
                return !Arrays.equals(DISK.read(file.getKey()), file.getValue());
            }
            catch (IOException ex) {
                return true;
            }
        }).map(Map.Entry::getKey).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java has SHA-256", ex);
        }
    }
}
