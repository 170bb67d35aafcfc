package com.campaignsender.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A ledger its first start left half made (SPEC section 17: SIGKILL at any moment). H2 and MySQL
 * commit each CREATE TABLE at once, so a start killed in the middle of creating the ledger leaves
 * tables without their migration's record, and every later start failed on them ("Migration of
 * schema PUBLIC to version 3 failed"): a chaos round found it when its first kill came that early.
 * Such a ledger is made again from nothing, but only when nothing can be lost: no run, suppression,
 * signing key, schedule firing or inbound text is in it, and every table in it is one the
 * migrations make (a MySQL database shared with other tables is never touched). Otherwise the start
 * stops, saying what happened.
 */
final class UnfinishedLedger {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedLedger.class);
    private static final Pattern CREATED = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_0-9]+)");
    /** The tables whose rows are the ledger's: any row in them, and nothing is remade. */
    private static final List<String> HOLDINGS = List.of("campaign_run", "suppression", "signing_key", "schedule_firing",
            "inbound_message", "BATCH_JOB_INSTANCE");
    private static final String HISTORY = "flyway_schema_history";
    /** H2 alters a table by way of a copy of it ({@code campaign_run_copy_4_14}), which a kill leaves behind. */
    private static final Pattern H2_ALTER_COPY = Pattern.compile("(.+)_copy_\\d+_\\d+");

    private UnfinishedLedger() {
    }

    /** Migrates; a migration that fails on a ledger that holds nothing is made again from nothing. */
    static void migrate(Flyway flyway) {
        try {
            flyway.migrate();
        }
        catch (FlywayException failed) {
            DataSource database = flyway.getConfiguration().getDataSource();
            String why = remakeable(database);
            if (why != null) {
                throw new IllegalStateException("The ledger's tables could not be brought up to date, and it is not made"
                        + " again because " + why + ": " + failed.getMessage(), failed);
            }
            log.warn("The ledger was left half made by a start stopped while it created it ({}); it held nothing:"
                    + " made again from nothing", firstLine(failed.getMessage()));
            Flyway.configure().configuration(flyway.getConfiguration()).cleanDisabled(false).load().clean();
            flyway.migrate();
        }
    }

    /** Null when the ledger may be remade; else why not. */
    private static String remakeable(DataSource database) {
        try (Connection connection = database.getConnection()) {
            Set<String> tables = tables(connection);
            Set<String> ours = ourTables();
            for (String table : tables) {
                Matcher copy = H2_ALTER_COPY.matcher(table);
                if (!ours.contains(table) && !(copy.matches() && ours.contains(copy.group(1)))) {
                    return "its database holds a table the migrations do not make (" + table + ")";
                }
            }
            for (String holding : HOLDINGS) {
                if (tables.contains(holding.toLowerCase(Locale.ROOT)) && hasRows(connection, holding)) {
                    return "it holds data (" + holding + ")";
                }
            }
            return null;
        }
        catch (SQLException | IOException ex) {
            return "it could not be looked at (" + ex.getMessage() + ")";
        }
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet rows = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** Every table a migration script creates, and Flyway's own. */
    private static Set<String> ourTables() throws IOException {
        Set<String> ours = new HashSet<>(Set.of(HISTORY));
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*.sql")) {
            try (InputStream in = script.getInputStream()) {
                Matcher created = CREATED.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (created.find()) {
                    ours.add(created.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return ours;
    }

    private static boolean hasRows(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM " + table)) {
                return rows.next();
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
