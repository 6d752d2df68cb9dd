package io.accesskeys.keycloak.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server asked of its database: PostgreSQL's per-table counters (pg_stat_user_tables: scans = reads,
 * tuples inserted/updated/deleted = writes), and the extension's last-use rows on either database.
 */
final class DatabaseCounters {

    /** One table's counters: seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del. */
    record Table(long seqScans, long indexScans, long inserts, long updates, long deletes) {
        Table minus(Table other) {
            return new Table(seqScans - other.seqScans, indexScans - other.indexScans, inserts - other.inserts,
                    updates - other.updates, deletes - other.deletes);
        }

        long reads() {
            return seqScans + indexScans;
        }

        long writes() {
            return inserts + updates + deletes;
        }
    }

    private final Server server;

    DatabaseCounters(Server server) {
        this.server = server;
    }

    boolean hasStatistics() {
        return server.db.equals("postgres");
    }

    /**
     * PostgreSQL's counters now. A server's connections report theirs when idle, at most every second and within
     * 10 s; {@link #settle()} waits for that.
     */
    Map<String, Table> snapshot() throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        if (!hasStatistics()) {
            return tables;
        }
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery("SELECT relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins, "
                    + "n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = '" + Server.PG_SCHEMA + "'")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), new Table(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), rows.getLong(6)));
                }
            }
        }
        return tables;
    }

    void settle() throws InterruptedException {
        if (hasStatistics()) {
            Thread.sleep(11_000);
        }
    }

    static Map<String, Table> delta(Map<String, Table> before, Map<String, Table> after) {
        Map<String, Table> changed = new TreeMap<>();
        after.forEach((name, now) -> {
            Table was = before.getOrDefault(name, new Table(0, 0, 0, 0, 0));
            Table difference = now.minus(was);
            if (difference.reads() != 0 || difference.writes() != 0) {
                changed.put(name, difference);
            }
        });
        return changed;
    }

    /** The key's last-use time as stored, or -1 without a row. */
    long lastUseStored(String accessKeyId) throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT LAST_USED_AT FROM ACCESS_KEY_USAGE WHERE ACCESS_KEY_ID = ?")) {
            query.setString(1, accessKeyId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    long usageRows() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM ACCESS_KEY_USAGE")) {
            row.next();
            return row.getLong(1);
        }
    }
}
