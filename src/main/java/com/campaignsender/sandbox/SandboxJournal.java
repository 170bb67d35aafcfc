package com.campaignsender.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in sandbox's messages in the application's database ({@code sandbox_message}): what
 * it created survives a restart of the process it runs in, as a real provider's record would.
 * The {@code sandbox} command's own server keeps its messages in memory: it is the process.
 */
public class SandboxJournal {

    private static final TypeReference<Map<String, List<String>>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public SandboxJournal(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every message kept, oldest first. */
    List<SandboxMessage> messages() {
        return jdbc.sql("SELECT id, kind, sender, recipient, subject, content, fields, created_micros FROM sandbox_message"
                + " ORDER BY created_micros")
                .query((rs, n) -> new SandboxMessage(rs.getString("id"), rs.getString("kind"),
                        rs.getString("sender"), rs.getString("recipient"), rs.getString("subject"), rs.getString("content"),
                        Instant.EPOCH.plus(rs.getLong("created_micros"), ChronoUnit.MICROS),
                        json.readValue(rs.getString("fields"), FIELDS)))
                .list();
    }

    /** The ids of the messages whose delivery report was taken. */
    List<String> reported() {
        return jdbc.sql("SELECT id FROM sandbox_message WHERE reported = 1").query(String.class).list();
    }

    void created(SandboxMessage message) {
        jdbc.sql("INSERT INTO sandbox_message (id, kind, sender, recipient, subject, content, fields, created_micros)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(message.id(), message.kind(), message.from(), message.to(), message.subject(), message.content(),
                        json.writeValueAsString(message.fields()), ChronoUnit.MICROS.between(Instant.EPOCH, message.createdAt()))
                .update();
    }

    void reported(List<SandboxMessage> messages) {
        for (SandboxMessage message : messages) {
            jdbc.sql("UPDATE sandbox_message SET reported = 1 WHERE id = ?").param(message.id()).update();
        }
    }
}
