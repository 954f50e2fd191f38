package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryEngineTest {
    @TempDir
    Path dir;

    private Workspace workspace;
    private RootAllocator allocator;
    private QueryEngine engine;
    private PushIngester ingester;

    @BeforeEach
    void createReadings() throws IOException {
        workspace = Workspace.init(dir);
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: sensors.Readings
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          - event_time TIMESTAMP
                          - sensor STRING
                          - Value DOUBLE
                      merge:
                        kind: Ledger
                        primaryKey:
                          - sensor
                """, "readings.yaml")));
        ingester = new PushIngester(workspace, Clock.systemUTC());
        ingest(0, 5000);
        allocator = new RootAllocator();
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 2, null);
    }

    @AfterEach
    void close() {
        engine.close();
        allocator.close();
        workspace.close();
    }

    @Test
    void aRunningQueryKeepsTheSnapshotItStartedWith() throws IOException {
        try (QueryResult result = engine.execute("SELECT sensor FROM \"sensors.readings\"")) {
            assertThat(result.loadNextBatch()).isTrue();
            long rows = result.root().getRowCount();
            ingest(5000, 3000);
            while (result.loadNextBatch()) {
                rows += result.root().getRowCount();
            }
            assertThat(rows).isEqualTo(5000);
        }
        assertThat(count("SELECT count(*) FROM \"sensors.readings\"")).isEqualTo(8000);
    }

    @Test
    void aPreparedQueryReadsTheHeadsOfEachRun() throws IOException {
        final PreparedQuery prepared = engine.prepare("SELECT count(*) FROM \"Sensors.Readings\" WHERE value >= ?");
        assertThat(count(prepared, 0.0)).isEqualTo(5000);
        ingest(5000, 10);
        assertThat(count(prepared, 0.0)).isEqualTo(5010);
        assertThat(count(prepared, 4999.0)).isEqualTo(11);
    }

    @Test
    void namesMatchInAnyCaseAndQuotesKeepTheCaseOfOutputNames() {
        assertThat(count("SELECT count(*) FROM ODF.\"sensors.readings\" WHERE VALUE > 4990")).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM weft.odf.\"SENSORS.READINGS\"")).isEqualTo(5000);
        try (QueryResult result = engine.execute("SELECT \"VALUE\", Sensor AS \"Sensor Name\", value AS v "
                + "FROM \"sensors.readings\"")) {
            assertThat(result.schema().getFields()).extracting(f -> f.getName())
                    .containsExactly("VALUE", "Sensor Name", "v");
        }
    }

    @Test
    void castsToTextOfColumnsAndParametersRunInTheEngine() {
        assertThat(rows("SELECT CAST(Value AS VARCHAR) || '!', Value::varchar FROM \"sensors.readings\" "
                + "WHERE sensor = 's1'")).containsExactly(List.of("1.0!", "1.0"));
        final PreparedQuery prepared = engine.prepare("SELECT count(*) FROM \"sensors.readings\" "
                + "WHERE sensor = CAST(? AS VARCHAR) OR sensor = ?");
        try (QueryResult result = prepared.execute(List.of("s7", "s8"))) {
            assertThat(ArrowRows.drain(result)).containsExactly(List.of(2L));
        }
        final PreparedQuery before = engine.prepare("SELECT count(*) FROM \"sensors.readings\" "
                + "WHERE event_time < CAST(CAST(? AS VARCHAR) AS TIMESTAMP)");
        try (QueryResult result = before.execute(List.of("2026-01-01 00:00:30"))) {
            assertThat(ArrowRows.drain(result)).containsExactly(List.of(2510L));
        }
    }

    @Test
    void timestampsReadFromSlicesKeepTheirInstantBeforeAndAfterTheEpoch() throws IOException {
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: launches
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          - mission STRING
                          - launched TIMESTAMP
                      merge:
                        kind: Append
                """, "launches.yaml")));
        final Path file = Files.writeString(dir.resolve("launches.csv"), """
                mission,launched
                apollo-11,1969-07-16T13:32:00.123Z
                epoch,1970-01-01T00:00:00Z
                late,2026-12-31T23:59:59.999Z
                unknown,
                """);
        ingester.ingest(DatasetName.of("launches"), List.of(file), PushIngester.Options.DEFAULT);
        assertThat(rows("SELECT mission, CAST(launched AS VARCHAR), EXTRACT(YEAR FROM launched) FROM launches "
                + "ORDER BY launched NULLS LAST")).containsExactly(
                        List.of("apollo-11", "1969-07-16 13:32:00.123", 1969L),
                        List.of("epoch", "1970-01-01 00:00:00", 1970L),
                        List.of("late", "2026-12-31 23:59:59.999", 2026L),
                        Arrays.asList("unknown", null, null));
        assertThat(rows("SELECT count(*) FROM \"sensors.readings\" "
                + "WHERE event_time >= TIMESTAMP '2026-01-01 00:00:59' AND event_time < TIMESTAMP '2026-01-01 00:01:00'"))
                .containsExactly(List.of(83L));
    }

    @Test
    void systemTablesDescribeTheDatasetsAndJoinWithThem() {
        final List<List<Object>> datasets = rows(
                "SELECT name, kind, records, primary_key, blocks FROM sys.datasets");
        assertThat(datasets).containsExactly(List.of("sensors.Readings", "root", 5000L, "sensor", 4L));
        final List<List<Object>> joined = rows("SELECT b.event, count(*) FROM sys.blocks b "
                + "JOIN \"sensors.readings\" r ON r.\"offset\" BETWEEN b.offset_start AND b.offset_end "
                + "GROUP BY b.event");
        assertThat(joined).containsExactly(List.of("AddData", 5000L));
    }

    @Test
    void stateFoldsByPrimaryKeyAndKeepsDuplicatesOfKeylessDatasets() throws IOException {
        ingest(100, 1);
        assertThat(count("SELECT count(*) FROM state.\"sensors.readings\"")).isEqualTo(5000);
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: events
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          - name STRING
                      merge:
                        kind: Append
                """, "events.yaml")));
        final Path file = Files.writeString(dir.resolve("events.csv"), "name\na\na\nb\n");
        ingester.ingest(DatasetName.of("events"), List.of(file, file), PushIngester.Options.DEFAULT);
        assertThat(rows("SELECT name, count(*) FROM state.events GROUP BY name ORDER BY name"))
                .containsExactly(List.of("a", 4L), List.of("b", 2L));
    }

    @Test
    void errorsNameTheProblemWithSqlStateAndPosition() {
        assertError("SELEC 1", ErrorCode.SQL_SYNTAX, "line 1, column 1");
        assertError("SELECT * FROM nowhere", ErrorCode.SQL_UNDEFINED_TABLE, "Object 'nowhere' not found");
        assertError("SELECT nothing FROM \"sensors.readings\"", ErrorCode.SQL_UNDEFINED_COLUMN,
                "Column 'nothing' not found");
        assertError("SELECT no_such_fn(1)", ErrorCode.SQL_UNDEFINED_FUNCTION, "no_such_fn(<NUMERIC>)");
        assertError("SELECT sensor + DATE '2020-01-01' FROM \"sensors.readings\"", ErrorCode.SQL_TYPE_MISMATCH,
                "Cannot apply '+'");
        assertError("SELECT 1; SELECT 2", ErrorCode.SQL_SYNTAX, "one SQL statement");
        assertError("DELETE FROM \"sensors.readings\"", ErrorCode.UNSUPPORTED, "Only queries");
        assertThatThrownBy(() -> engine.execute("SELECT CAST(sensor AS INTEGER) FROM \"sensors.readings\"")
                .loadNextBatch()).isInstanceOf(SqlException.class)
                .hasMessageContaining("Could not convert string")
                .satisfies(e -> assertThat(((SqlException) e).code()).isEqualTo(ErrorCode.SQL_INVALID_TEXT));
    }

    private void assertError(String sql, ErrorCode code, String message) {
        assertThatThrownBy(() -> engine.prepare(sql)).isInstanceOf(SqlException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SqlException) e).code()).isEqualTo(code));
    }

    private long count(String sql) {
        return (Long) rows(sql).get(0).get(0);
    }

    private long count(PreparedQuery prepared, double minimum) {
        try (QueryResult result = prepared.execute(List.of(minimum))) {
            assertThat(result.loadNextBatch()).isTrue();
            return (Long) result.root().getVector(0).getObject(0);
        }
    }

    private List<List<Object>> rows(String sql) {
        try (QueryResult result = engine.execute(sql)) {
            final List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : ArrowRows.drain(result)) {
                rows.add(row);
            }
            return rows;
        }
    }

    private void ingest(int first, int count) throws IOException {
        final StringBuilder csv = new StringBuilder("event_time,sensor,Value\n");
        for (int i = first; i < first + count; i++) {
            csv.append("2026-01-01T00:00:").append(String.format("%02d", i % 60)).append("Z,s").append(i).append(',')
                    .append(i).append(".0\n");
        }
        final Path file = Files.writeString(dir.resolve("readings-" + first + ".csv"), csv);
        ingester.ingest(DatasetName.of("sensors.Readings"), List.of(file), PushIngester.Options.DEFAULT);
    }
}
