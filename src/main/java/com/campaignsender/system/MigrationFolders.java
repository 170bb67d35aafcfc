package com.campaignsender.system;

import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The Flyway folders of the database at hand: {@code common} for every database, a folder of
 * the vendor's own, and, for what two vendors write alike, a folder named after both
 * ({@code h2-mysql}: AUTO_INCREMENT and BLOB; {@code h2-postgresql}: DROP INDEX by name), so that
 * no migration is written twice. Boot's {@code {vendor}} placeholder can name one folder only.
 */
@Component
class MigrationFolders implements FlywayConfigurationCustomizer {

    private static final Map<DatabaseDriver, List<String>> FOLDERS = Map.of(
            DatabaseDriver.H2, List.of("h2", "h2-mysql", "h2-postgresql"),
            DatabaseDriver.MYSQL, List.of("mysql", "h2-mysql"),
            DatabaseDriver.MARIADB, List.of("mysql", "h2-mysql"),
            DatabaseDriver.POSTGRESQL, List.of("postgresql", "h2-postgresql"));

    @Override
    public void customize(FluentConfiguration configuration) {
        DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(url(configuration.getDataSource()));
        List<String> own = FOLDERS.get(driver);
        if (own == null) {
            throw new IllegalStateException("spring.datasource.url names a " + driver.name()
                    + " database; campaign-sender keeps its data in H2, MySQL/MariaDB or PostgreSQL");
        }
        configuration.locations(Stream.concat(Stream.of("common"), own.stream())
                .map(folder -> "classpath:db/migration/" + folder).toArray(String[]::new));
    }

    private static String url(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
        }
        catch (MetaDataAccessException ex) {
            throw new IllegalStateException("cannot reach the database (spring.datasource.url) to choose its migrations: "
                    + NestedExceptionUtils.getMostSpecificCause(ex).getMessage(), ex);
        }
    }
}
