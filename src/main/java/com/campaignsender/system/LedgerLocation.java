package com.campaignsender.system;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Says at every start which database holds the ledger (SPEC section 10), and says so again when
 * this start has just created it, empty: a command run from another folder or by another user
 * that finds none of the earlier runs and suppressions must not pass for the one that knows them.
 * The default H2 file lives in {@code campaign.home} ({@code ~/.campaign-sender}), wherever a
 * command is run from, readable by this user only ({@link PrivateLedgerFiles}).
 */
@Component
class LedgerLocation implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(LedgerLocation.class);
    private static final String H2_FILE = "jdbc:h2:file:";

    @Override
    public void migrate(Flyway flyway) {
        boolean empty = flyway.info().applied().length == 0;
        UnfinishedLedger.migrate(flyway);
        String url = url(flyway);
        if (url.startsWith(H2_FILE)) {
            PrivateLedgerFiles.restrict(Path.of(h2File(url)));
        }
        String where = where(url);
        if (empty) {
            log.info("Ledger: a new, empty database at {}: no earlier runs or suppressions are in it", where);
        }
        else {
            log.info("Ledger: {}", where);
        }
    }

    /** An H2 file as its path on disk; a server's URL without its parameters, which may carry credentials. */
    static String where(String url) {
        if (url.startsWith(H2_FILE)) {
            return Path.of(h2File(url) + ".mv.db").toAbsolutePath().normalize().toString();
        }
        return url.split("[?;]", 2)[0];
    }

    private static String h2File(String url) {
        return url.substring(H2_FILE.length()).split(";", 2)[0];
    }

    private static String url(Flyway flyway) {
        try {
            return JdbcUtils.extractDatabaseMetaData(flyway.getConfiguration().getDataSource(), DatabaseMetaData::getURL);
        }
        catch (MetaDataAccessException ex) {
            return "the database of spring.datasource.url";
        }
    }
}
