package io.accesskeys.keycloak.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The database the server under test runs on, chosen with {@code -Dtest.db=h2|postgres|mariadb} (or the
 * {@code TEST_DB} environment variable). PostgreSQL and MariaDB are the servers on 127.0.0.1; each run starts on an
 * empty schema of its own so that runs never see each other's data.
 */
public enum TestDatabase {

    H2 {
        @Override
        List<String> serverOptions() {
            // AUTO_SERVER lets the tests open the server's H2 file too (to count and read rows).
            return List.of("--db=dev-file", "--db-url=" + jdbcUrl(), "--db-username=" + user(), "--db-password=" + H2_PASSWORD);
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:h2:file:" + H2_HOME + "/data/h2/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
        }

        @Override
        String user() {
            return "sa";
        }

        @Override
        String password() {
            return H2_PASSWORD;
        }

        @Override
        void reset() {
            // The server's data/h2 directory is deleted by KeycloakServer before the start.
        }
    },

    POSTGRES {
        @Override
        List<String> serverOptions() {
            return List.of("--db=postgres", "--db-url=" + jdbcUrl(), "--db-username=" + user(),
                    "--db-schema=" + SCHEMA);
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:5432/test";
        }

        @Override
        String user() {
            return env("TEST_DB_USER", "postgres");
        }

        @Override
        void reset() throws SQLException {
            execute(jdbcUrl(), "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
        }
    },

    MARIADB {
        @Override
        List<String> serverOptions() {
            return List.of("--db=mariadb", "--db-url=" + jdbcUrl(), "--db-username=" + user());
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:mariadb://127.0.0.1:3306/" + SCHEMA;
        }

        @Override
        String user() {
            return env("TEST_DB_USER", "root");
        }

        @Override
        void reset() throws SQLException {
            execute("jdbc:mariadb://127.0.0.1:3306/test",
                    "DROP DATABASE IF EXISTS " + SCHEMA,
                    "CREATE DATABASE " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    };

    /** The schema (PostgreSQL) or database (MariaDB) that integration tests own. */
    public static final String SCHEMA = "accesskeys_it";
    private static final String H2_PASSWORD = "password";
    private static final String H2_HOME = System.getProperty("keycloak.home", "target/keycloak");

    public static TestDatabase selected() {
        String name = System.getProperty("test.db");
        if (name == null || name.isBlank()) {
            name = env("TEST_DB", "h2");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "h2", "dev-file" -> H2;
            case "postgres", "postgresql" -> POSTGRES;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalArgumentException("test.db must be h2, postgres or mariadb, was " + name);
        };
    }

    abstract List<String> serverOptions();

    /** JDBC URL for tests that look into the database themselves. */
    public abstract String jdbcUrl();

    abstract void reset() throws SQLException;

    String user() {
        return null;
    }

    String password() {
        return "";
    }

    /** A connection to the schema the server uses, for tests that inspect tables. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
        if (this == POSTGRES) {
            connection.setSchema(SCHEMA);
        }
        return connection;
    }

    void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user(), "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
