package com.campaignsender.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a campaign's files (its definition, templates and attachments) are read from: the disk
 * when a run is checked and starts, the run's snapshot ({@link RunSnapshot}) from then on, so that
 * every step, resume and worker sends what the run started with (SPEC section 20).
 */
public interface CampaignFiles {

    /** The files as they are on disk now. */
    CampaignFiles DISK = new CampaignFiles() {

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public boolean isFile(Path path) {
            return Files.isRegularFile(path);
        }

        @Override
        public byte[] read(Path path) throws IOException {
            return Files.readAllBytes(path);
        }
    };

    /** Whether there is a file or folder at {@code path}. */
    boolean exists(Path path);

    boolean isFile(Path path);

    /** The file's bytes; {@link java.nio.file.NoSuchFileException} when there is none. */
    byte[] read(Path path) throws IOException;
}
