package io.accesskeys.keycloak.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each table of the server's PostgreSQL schema was read (index scans + sequential scans, from
 * {@code pg_stat_user_tables}), to show that a call reads nothing. PostgreSQL's backends report their counters when
 * idle, within 10 s, so a snapshot first waits that long: whatever ran before it is counted before, not after.
 */
public final class TableReads {

    /** A backend reports its counters at most 10 s after its last statement. */
    private static final long REPORT_DELAY_MILLIS = 11_000;

    private final Map<String, Long> reads;

    private TableReads(Map<String, Long> reads) {
        this.reads = reads;
    }

    public static TableReads settled() throws SQLException, InterruptedException {
        Thread.sleep(REPORT_DELAY_MILLIS);
        Map<String, Long> reads = new HashMap<>();
        try (Connection connection = TestDatabase.POSTGRES.connect();
             PreparedStatement query = connection.prepareStatement("select relname, coalesce(seq_scan, 0) + "
                     + "coalesce(idx_scan, 0) from pg_stat_user_tables where schemaname = ?")) {
            query.setString(1, TestDatabase.SCHEMA);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reads.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return new TableReads(reads);
    }

    /** The reads of {@code tables} since {@code before}, per table that was read. */
    public Map<String, Long> since(TableReads before, Collection<String> tables) {
        Map<String, Long> delta = new TreeMap<>();
        for (String table : tables) {
            long count = reads.getOrDefault(table, 0L) - before.reads.getOrDefault(table, 0L);
            if (count != 0) {
                delta.put(table, count);
            }
        }
        return delta;
    }
}
