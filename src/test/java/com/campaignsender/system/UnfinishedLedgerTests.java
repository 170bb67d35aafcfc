package com.campaignsender.system;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ledger its first start left half made, as a SIGKILL in the middle of its migrations leaves
 * one on H2 (each CREATE TABLE committed at once, the migration's record never written): remade
 * from nothing when nothing can be lost, refused with the reason otherwise.
 */
class UnfinishedLedgerTests {

    /** V3's table made, its record not: the next start failed on it for good, before. */
    private static final String HALF_OF_V3 = "CREATE TABLE suppression (address VARCHAR(320) NOT NULL PRIMARY KEY,"
            + " reason VARCHAR(20) NOT NULL, source VARCHAR(200) NOT NULL, created_at TIMESTAMP(6) NOT NULL)";

    private final DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    @Test
    void aLedgerCutShortWhileItWasMadeIsMadeAgainWhenItHoldsNothing() {
        halfMade();

        UnfinishedLedger.migrate(flyway(null));

        assertThat(flyway(null).info().pending()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_run", Integer.class)).isZero();
    }

    @Test
    void aLedgerThatHoldsDataIsNeverMadeAgainAndTheStartSaysWhy() {
        flyway("2").migrate();
        jdbc.execute("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'campaignJob', 'k')");
        jdbc.execute(HALF_OF_V3);

        assertThatThrownBy(() -> UnfinishedLedger.migrate(flyway(null)))
                .hasMessageStartingWith("The ledger's tables could not be brought up to date, and it is not made again because"
                        + " it holds data (BATCH_JOB_INSTANCE)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Integer.class)).isOne();
    }

    /** A database shared with tables the migrations do not make is never emptied. */
    @Test
    void aDatabaseWithTablesOfOthersIsNeverMadeAgain() {
        halfMade();
        jdbc.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");

        assertThatThrownBy(() -> UnfinishedLedger.migrate(flyway(null)))
                .hasMessageContaining("its database holds a table the migrations do not make (invoices)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoices", Integer.class)).isZero();
    }

    private void halfMade() {
        flyway("2").migrate();
        jdbc.execute(HALF_OF_V3);
        assertThatThrownBy(() -> flyway(null).migrate()).as("what every start met before").hasMessageContaining("V3__suppression");
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(database)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2", "classpath:db/migration/h2-mysql",
                        "classpath:db/migration/h2-postgresql")
                .target(target == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(target)).load();
    }
}
