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
        List<String> serverOptions(String home, String schema) {
            // AUTO_SERVER lets the tests (and kc.sh export) open the server's H2 file too, while the server runs.
            return List.of("--db=dev-file", "--db-url=" + jdbcUrl(home, schema), "--db-username=" + user(),
                    "--db-password=" + H2_PASSWORD);
        }

        @Override
        String jdbcUrl(String home, String schema) {
            return "jdbc:h2:file:" + home + "/data/h2/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
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
        void reset(String schema) {
            // The server's data/h2 directory is deleted by KeycloakServer before the start.
        }
    },

    POSTGRES {
        @Override
        List<String> serverOptions(String home, String schema) {
            return List.of("--db=postgres", "--db-url=" + jdbcUrl(home, schema), "--db-username=" + user(),
                    "--db-schema=" + schema);
        }

        @Override
        String jdbcUrl(String home, String schema) {
            return "jdbc:postgresql://127.0.0.1:5432/test";
        }

        @Override
        String user() {
            return env("TEST_DB_USER", "postgres");
        }

        @Override
        void reset(String schema) throws SQLException {
            execute(jdbcUrl(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        }
    },

    MARIADB {
        @Override
        List<String> serverOptions(String home, String schema) {
            return List.of("--db=mariadb", "--db-url=" + jdbcUrl(home, schema), "--db-username=" + user());
        }

        @Override
        String jdbcUrl(String home, String schema) {
            return "jdbc:mariadb://127.0.0.1:3306/" + schema;
        }

        @Override
        String user() {
            return env("TEST_DB_USER", "root");
        }

        @Override
        void reset(String schema) throws SQLException {
            execute("jdbc:mariadb://127.0.0.1:3306/test",
                    "DROP DATABASE IF EXISTS " + schema,
                    "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
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

    /**
     * The {@code kc.sh} database options for a server whose distribution is at {@code home} (H2 keeps its file
     * there) and whose schema (PostgreSQL) or database (MariaDB) is {@code schema}.
     */
    abstract List<String> serverOptions(String home, String schema);

    abstract String jdbcUrl(String home, String schema);

    /** Drops and creates {@code schema} (PostgreSQL, MariaDB); H2 files are deleted by {@link KeycloakServer}. */
    abstract void reset(String schema) throws SQLException;

    /** The options of the shared server of the test run. */
    List<String> serverOptions() {
        return serverOptions(H2_HOME, SCHEMA);
    }

    /** JDBC URL for tests that look into the shared server's database themselves. */
    public String jdbcUrl() {
        return jdbcUrl(H2_HOME, SCHEMA);
    }

    void reset() throws SQLException {
        reset(SCHEMA);
    }

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
