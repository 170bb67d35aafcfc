package com.campaignsender.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.definition.RunSnapshot;

/** The {@code run_file} table: each run's snapshot, stored once when the run first starts. */
@Repository
public class RunSnapshots {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public RunSnapshots(JdbcClient jdbc, TransactionTemplate ownTransaction) {
        this.jdbc = jdbc;
        this.ownTransaction = ownTransaction;
    }

    /**
     * Stores the run's snapshot, whole or not at all (a process that dies half way leaves none, to
     * be taken again); a run has one, so a second store of it is a mistake the primary key refuses.
     */
    public void store(long runId, RunSnapshot snapshot) {
        ownTransaction.executeWithoutResult(tx -> {
            int fileNo = 0;
            for (Map.Entry<Path, byte[]> file : new TreeMap<>(snapshot.files()).entrySet()) {
                jdbc.sql("INSERT INTO run_file (run_id, file_no, path, sha256, content) VALUES (?, ?, ?, ?, ?)")
                        .params(runId, ++fileNo, file.getKey().toString(), RunSnapshot.sha256(file.getValue()), file.getValue())
                        .update();
            }
        });
    }

    /** The digest of the run's snapshot, read without its contents; empty for a run without one. */
    public Optional<String> digest(long runId) {
        Map<Path, String> sha256s = new TreeMap<>();
        jdbc.sql("SELECT path, sha256 FROM run_file WHERE run_id = ?").param(runId)
                .query((rs, row) -> sha256s.put(Path.of(rs.getString("path")), rs.getString("sha256"))).list();
        return sha256s.isEmpty() ? Optional.empty() : Optional.of(RunSnapshot.digest(sha256s));
    }

    /** The run's snapshot; empty for a run that started before snapshots were kept. */
    public Optional<RunSnapshot> find(long runId) {
        List<Map.Entry<Path, byte[]>> rows = new ArrayList<>();
        jdbc.sql("SELECT path, content FROM run_file WHERE run_id = ? ORDER BY file_no").param(runId)
                .query((rs, row) -> rows.add(Map.entry(Path.of(rs.getString("path")), rs.getBytes("content")))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Path, byte[]> files = new LinkedHashMap<>();
        rows.forEach(file -> files.put(file.getKey(), file.getValue()));
        return Optional.of(new RunSnapshot(files));
    }
}
