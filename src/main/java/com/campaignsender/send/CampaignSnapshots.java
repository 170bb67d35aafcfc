package com.campaignsender.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.definition.DefinitionLoader;
import com.campaignsender.definition.RecordingFiles;
import com.campaignsender.definition.RunSnapshot;
import com.campaignsender.ledger.RunSnapshots;
import com.campaignsender.template.TemplateCompiler;

/**
 * A run's campaign as it started (SPEC section 20): taken from the disk when the run first starts
 * (every file its definition, templates and attachments read), stored with the run, and from then
 * on the only place any step, resume or worker reads the campaign from. A resume whose files
 * changed on disk says so and goes on with the snapshot; the next list starts a run with the new
 * files.
 */
@Component
public class CampaignSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CampaignSnapshots.class);
    /** Snapshots kept in memory: the runs this process is sending now, and a few before. */
    private static final int KEPT = 16;

    private final RunSnapshots store;
    private final DefinitionLoader loader;
    private final TemplateCompiler templates;
    private final Map<Long, RunSnapshot> recent = Collections.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, RunSnapshot> eldest) {
            return size() > KEPT;
        }
    });

    CampaignSnapshots(RunSnapshots store, DefinitionLoader loader, TemplateCompiler templates) {
        this.store = store;
        this.loader = loader;
        this.templates = templates;
    }

    /** At a run's start or resume: its snapshot, taken now from the disk if it has none yet. */
    public RunSnapshot ensure(long runId, Path definitionFile) {
        RunSnapshot kept = store.find(runId).orElse(null);
        if (kept != null) {
            List<Path> changed = kept.changedOnDisk();
            if (!changed.isEmpty()) {
                log.warn("{} changed since run {} started; run {} goes on with what it started with",
                        changed.stream().map(Path::toString).collect(Collectors.joining(", ")), runId, runId);
            }
        }
        else {
            kept = take(definitionFile);
            store.store(runId, kept);
        }
        recent.put(runId, kept);
        return kept;
    }

    /** The run's campaign files: its snapshot; the disk for a run that began before snapshots were kept. */
    public CampaignFiles files(long runId) {
        RunSnapshot snapshot = recent.get(runId);
        if (snapshot == null) {
            snapshot = store.find(runId).orElse(null);
            if (snapshot == null) {
                return CampaignFiles.DISK;
            }
            recent.put(runId, snapshot);
        }
        return snapshot;
    }

    /** Reads the campaign as a start reads it, noting every file: the definition, its templates, its attachments. */
    private RunSnapshot take(Path definitionFile) {
        RecordingFiles disk = new RecordingFiles();
        CampaignDefinition definition = loader.load(definitionFile, disk);
        templates.compile(definition.template(), disk);
        for (Path attachment : definition.attachments()) {
            try {
                disk.read(attachment);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("attachment " + attachment + " cannot be read", ex);
            }
        }
        return new RunSnapshot(disk.read());
    }
}
