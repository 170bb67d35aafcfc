package com.campaignsender.system;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Which database {@code spring.datasource.url} points at, as its driver names it ("H2", "MySQL", "MariaDB", "PostgreSQL"). */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
        catch (SQLException ex) {
            throw new IllegalStateException("cannot reach the database (spring.datasource.url): " + ex.getMessage(), ex);
        }
    }
}
