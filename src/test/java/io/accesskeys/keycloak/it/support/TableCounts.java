package io.accesskeys.keycloak.it.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The row count of every table of the server's database, to show that something wrote nothing. */
public final class TableCounts {

    private TableCounts() {
    }

    public static Map<String, Long> of(TestDatabase database) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = database.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            String catalog = database == TestDatabase.MARIADB ? TestDatabase.SCHEMA : null;
            String schema = switch (database) {
                case POSTGRES -> TestDatabase.SCHEMA;
                case H2 -> "PUBLIC";
                case MARIADB -> null;
            };
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    try (ResultSet count = statement.executeQuery("select count(*) from " + quote(database, table))) {
                        count.next();
                        counts.put(table, count.getLong(1));
                    }
                }
            }
        }
        if (counts.size() < 50) {
            throw new AssertionError("Expected Keycloak's tables, found only " + counts.keySet());
        }
        return counts;
    }

    private static String quote(TestDatabase database, String table) {
        return database == TestDatabase.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
    }
}
