package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.server.testing.ServedWorkspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * AS AT through real clients: at every block boundary of a dataset with corrections and retractions, the timestamp,
 * block-hash and session forms over the Flight SQL JDBC driver return exactly the records of that prefix of the chain.
 */
class AsAtClientsTest {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    static final String COLUMNS = "SELECT \"offset\", op, item, price FROM prices";

    @Test
    void everyBlockBoundaryOverFlightSqlJdbc() throws SQLException {
        final ServedWorkspace served = ServedWorkspace.get();
        final DatasetView view = served.engine.snapshot().find("prices").orElseThrow();
        final List<List<String>> all = engineRows(served, COLUMNS + " ORDER BY \"offset\"");
        assertThat(all.stream().map(r -> r.get(1)).distinct()).contains("0", "1", "2", "3");
        try (Connection connection = DriverManager.getConnection(served.flightJdbcUrl());
                Statement statement = connection.createStatement()) {
            for (SliceIndex.BlockTime block : view.slices().blocks()) {
                final SliceIndex.BlockTime byTime = view.slices().blockAsAt(block.systemTime()).orElseThrow();
                final String time = TIMESTAMP.format(block.systemTime());
                assertThat(rows(statement, COLUMNS + " FOR SYSTEM_TIME AS OF '" + block.blockHash()
                        + "' ORDER BY \"offset\"")).as("block %d by hash", block.sequenceNumber())
                        .isEqualTo(prefix(view, all, block));
                assertThat(rows(statement, COLUMNS + " FOR SYSTEM_TIME AS OF TIMESTAMP '" + time
                        + "' ORDER BY \"offset\"")).as("block %d by time", block.sequenceNumber())
                        .isEqualTo(prefix(view, all, byTime));
                statement.execute("SET weft.as_at = '" + time + "'");
                assertThat(rows(statement, COLUMNS + " ORDER BY \"offset\"")).as("block %d by session",
                        block.sequenceNumber()).isEqualTo(prefix(view, all, byTime));
                statement.execute("RESET weft.as_at");
            }
            assertThat(rows(statement, COLUMNS + " ORDER BY \"offset\"")).isEqualTo(all);
        }
    }

    @Test
    void eventTimeStateWithABoundParameterOverFlightSqlJdbc() throws SQLException {
        final ServedWorkspace served = ServedWorkspace.get();
        final List<List<String>> changelog = engineRows(served,
                "SELECT \"offset\", op, event_time, item, price FROM prices ORDER BY \"offset\"");
        final List<LocalDateTime> eventTimes = changelog.stream().map(r -> LocalDateTime.parse(r.get(2))).distinct()
                .sorted().toList();
        assertThat(eventTimes).hasSizeGreaterThan(1);
        try (Connection connection = DriverManager.getConnection(served.flightJdbcUrl());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT item, price FROM prices FOR EVENT_TIME AS OF CAST(? AS VARCHAR) ORDER BY item")) {
            final List<LocalDateTime> takesEffect = takesEffect(changelog, engineRows(served,
                    "SELECT system_time FROM prices ORDER BY \"offset\""));
            for (LocalDateTime eventTime : eventTimes) {
                final Map<String, String> state = new TreeMap<>();
                for (int i = 0; i < changelog.size(); i++) {
                    final List<String> record = changelog.get(i);
                    if (!takesEffect.get(i).isAfter(eventTime)) {
                        if (record.get(1).equals("0") || record.get(1).equals("3")) {
                            state.put(record.get(3), record.get(4));
                        } else {
                            state.remove(record.get(3));
                        }
                    }
                }
                statement.setString(1, TIMESTAMP.format(eventTime.toInstant(ZoneOffset.UTC)));
                final Map<String, String> actual = new TreeMap<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        actual.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(actual).as("event time %s", eventTime).isEqualTo(state);
            }
        }
    }

    /**
     * When each record of a Snapshot merge's changelog (ordered by offset) changes the state: a {@code -C} at its
     * {@code +C}'s event time (the next record), a {@code -R} at its commit's watermark (the greatest event time
     * written so far; a commit's records share a system time), any other record at its event time.
     */
    static List<LocalDateTime> takesEffect(List<List<String>> changelog, List<List<String>> systemTimes) {
        final Map<String, LocalDateTime> watermarks = new TreeMap<>();
        LocalDateTime watermark = LocalDateTime.MIN;
        for (int i = 0; i < changelog.size(); i++) {
            final LocalDateTime eventTime = LocalDateTime.parse(changelog.get(i).get(2));
            watermark = eventTime.isAfter(watermark) ? eventTime : watermark;
            watermarks.put(systemTimes.get(i).get(0), watermark);
        }
        final List<LocalDateTime> out = new ArrayList<>();
        for (int i = 0; i < changelog.size(); i++) {
            final String op = changelog.get(i).get(1);
            out.add(op.equals("2") ? LocalDateTime.parse(changelog.get(i + 1).get(2))
                    : op.equals("1") ? watermarks.get(systemTimes.get(i).get(0))
                    : LocalDateTime.parse(changelog.get(i).get(2)));
        }
        return out;
    }

    /** The records (ordered by offset) a reader of the dataset at {@code block} saw. */
    static List<List<String>> prefix(DatasetView view, List<List<String>> all, SliceIndex.BlockTime block) {
        final long lastOffset = view.slices().slicesUpTo(block.sequenceNumber()).stream()
                .mapToLong(s -> s.offsets().end()).max().orElse(-1);
        return all.stream().filter(r -> Long.parseLong(r.get(0)) <= lastOffset).toList();
    }

    static List<List<String>> engineRows(ServedWorkspace served, String sql) {
        final List<List<String>> rows = new ArrayList<>();
        try (QueryResult result = served.engine.execute(sql)) {
            while (result.loadNextBatch()) {
                for (int r = 0; r < result.root().getRowCount(); r++) {
                    final List<String> row = new ArrayList<>();
                    for (FieldVector vector : result.root().getFieldVectors()) {
                        row.add(String.valueOf(vector.getObject(r)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<List<String>> rows(Statement statement, String sql) throws SQLException {
        final List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                final List<String> row = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
