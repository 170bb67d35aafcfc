package com.campaignsender.definition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The disk, noting every file read: what a run reads to start is what its snapshot holds. */
public final class RecordingFiles implements CampaignFiles {

    private final Map<Path, byte[]> read = new TreeMap<>();

    @Override
    public boolean exists(Path path) {
        return DISK.exists(path);
    }

    @Override
    public boolean isFile(Path path) {
        return DISK.isFile(path);
    }

    @Override
    public byte[] read(Path path) throws IOException {
        byte[] content = DISK.read(path);
        read.put(path.toAbsolutePath().normalize(), content);
        return content;
    }

    /** The files read so far, by absolute path. */
    public Map<Path, byte[]> read() {
        return Map.copyOf(read);
    }
}
