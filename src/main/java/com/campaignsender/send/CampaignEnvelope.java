package com.campaignsender.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.gateway.Envelope;

/** A campaign's envelope for its gateway; attachments are read here, once per run, not per message. */
public final class CampaignEnvelope {

    private CampaignEnvelope() {
    }

    public static Envelope of(CampaignDefinition definition, CampaignFiles files) {
        List<Envelope.Attachment> attachments = new ArrayList<>();
        for (Path file : definition.attachments()) {
            attachments.add(new Envelope.Attachment(file.getFileName().toString(), contentType(file), read(file, files)));
        }
        return new Envelope(definition.sender().address(), definition.sender().name(), definition.cc(),
                definition.bcc(), attachments, definition.providerFields());
    }

    /** The sender only: enough to read statuses back. */
    static Envelope sender(CampaignDefinition definition) {
        return Envelope.from(definition.sender().address(), definition.sender().name());
    }

    private static byte[] read(Path file, CampaignFiles files) {
        try {
            return files.read(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("attachment " + file + " cannot be read", ex);
        }
    }

    private static String contentType(Path file) {
        try {
            String type = Files.probeContentType(file);
            return type == null ? "application/octet-stream" : type;
        }
        catch (IOException ex) {
            return "application/octet-stream";
        }
    }
}
