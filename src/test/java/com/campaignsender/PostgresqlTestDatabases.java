package com.campaignsender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code ./mvnw test -Dspring.profiles.active=postgresql}: the same suite against a real
 * PostgreSQL server ({@code CAMPAIGN_TEST_POSTGRESQL_URL}, default the local one, user
 * {@code postgres}). Each test context gets a database of its own, {@code campaign_test_<n>}, as
 * the mysql profile's do; PostgreSQL has no createDatabaseIfNotExist, so this makes it.
 */
public class PostgresqlTestDatabases implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "postgresql";

    public static boolean active() {
        return System.getProperty("spring.profiles.active", "").contains(PROFILE);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(PROFILE)) {
            environment.getPropertySources().addFirst(new MapPropertySource("postgresql-test-database",
                    Map.<String, Object>of("spring.datasource.url", create("campaign_test_"),
                            "spring.datasource.username", user(), "spring.datasource.password", password())));
        }
    }

    /** Creates a fresh database whose name starts with {@code prefix}; answers its JDBC URL. */
    public static String create(String prefix) {
        String name = prefix + ThreadLocalRandom.current().nextInt(100000, 999999);
        try (Connection server = DriverManager.getConnection(server() + "/postgres", user(), password());
                Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot create the test database " + name + " on " + server() + ": " + ex.getMessage(), ex);
        }
        return server() + "/" + name;
    }

    public static String user() {
        return System.getenv().getOrDefault("CAMPAIGN_TEST_POSTGRESQL_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("CAMPAIGN_TEST_POSTGRESQL_PASSWORD", "");
    }

    private static String server() {
        return System.getenv().getOrDefault("CAMPAIGN_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432");
    }

    /** After the config files, which name the profile, and before the datasource is read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
