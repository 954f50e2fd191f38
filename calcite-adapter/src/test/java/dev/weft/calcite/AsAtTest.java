package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * AS AT over a dataset built from many snapshots (additions, corrections, retractions): at every block, each form of
 * AS AT returns exactly the records of that prefix of the chain, reading only its slice files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsAtTest {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final int SNAPSHOTS = 12;

    private Workspace workspace;
    private RootAllocator allocator;
    private QueryEngine engine;
    private DatasetView view;

    /** Each call is one second after the previous: every block gets its own system time. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeAll
    void ingestSnapshots(@TempDir Path dir) throws IOException {
        workspace = Workspace.init(dir.resolve("ws"));
        final Clock clock = new SteppingClock();
        new SnapshotInstaller(workspace, clock).install(List.of(ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: prices
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          - event_time TIMESTAMP
                          - item STRING
                          - price BIGINT
                      merge:
                        kind: Snapshot
                        primaryKey:
                          - item
                """, "prices.yaml")));
        final PushIngester ingester = new PushIngester(workspace, clock);
        final Random random = new Random(42);
        for (int s = 0; s < SNAPSHOTS; s++) {
            final StringBuilder csv = new StringBuilder("event_time,item,price\n");
            for (int item = 0; item < 20; item++) {
                if (random.nextInt(4) > 0) {
                    csv.append("2026-02-").append(String.format("%02d", s + 1)).append("T00:00:00Z,item").append(item)
                            .append(',').append(100 + random.nextInt(3)).append('\n');
                }
            }
            final Path file = Files.writeString(dir.resolve("snapshot-" + s + ".csv"), csv);
            ingester.ingest(DatasetName.of("prices"), List.of(file), PushIngester.Options.DEFAULT);
        }
        allocator = new RootAllocator();
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 2, null);
        view = engine.snapshot().find("prices").orElseThrow();
    }

    @AfterAll
    void close() {
        engine.close();
        allocator.close();
        workspace.close();
    }

    @Test
    void everyBlockBoundaryReturnsExactlyItsPrefixInEveryForm() {
        final List<List<Object>> all = rows("SELECT \"offset\", op, item, price FROM prices ORDER BY \"offset\"", null);
        assertThat(all.stream().map(r -> r.get(1)).distinct()).contains(0, 1, 2, 3);
        for (SliceIndex.BlockTime block : view.slices().blocks()) {
            final List<List<Object>> expected = prefix(all, block);
            final String time = TIMESTAMP.format(block.systemTime());
            // Blocks of one commit share a system time: a time selects the last of them.
            final SliceIndex.BlockTime lastAtTime = view.slices().blockAsAt(block.systemTime()).orElseThrow();
            assertThat(rows("SELECT \"offset\", op, item, price FROM prices FOR SYSTEM_TIME AS OF TIMESTAMP '"
                    + time + "' ORDER BY \"offset\"", null)).as("block %d by time", block.sequenceNumber())
                    .isEqualTo(prefix(all, lastAtTime));
            assertThat(rows("SELECT \"offset\", op, item, price FROM prices FOR SYSTEM_TIME AS OF '"
                    + block.blockHash() + "' ORDER BY \"offset\"", null)).as("block %d by hash", block.sequenceNumber())
                    .isEqualTo(expected);
            final Session session = new Session();
            rows("SET weft.as_at = '" + time + "'", session);
            assertThat(rows("SELECT \"offset\", op, item, price FROM prices ORDER BY \"offset\"", session))
                    .as("block %d by session", block.sequenceNumber()).isEqualTo(prefix(all, lastAtTime));
            rows("RESET weft.as_at", session);
            assertThat(rows("SELECT count(*) FROM prices", session)).containsExactly(List.of((long) all.size()));
        }
    }

    @Test
    void asAtWorksInJoinsSubQueriesAndCtes() {
        final SliceIndex.BlockTime third = dataBlocks().get(2);
        final String asAt = "FOR SYSTEM_TIME AS OF '" + third.blockHash() + "'";
        final long atThird = (Long) rows("SELECT count(*) FROM prices " + asAt, null).get(0).get(0);
        final long now = (Long) rows("SELECT count(*) FROM prices", null).get(0).get(0);
        assertThat(atThird).isLessThan(now);
        assertThat(rows("WITH p AS (SELECT * FROM prices) SELECT count(*) FROM p " + asAt, null))
                .containsExactly(List.of(atThird));
        assertThat(rows("SELECT (SELECT count(*) FROM prices " + asAt + "), count(*) FROM prices", null))
                .containsExactly(List.of(atThird, now));
        assertThat(rows("SELECT (SELECT count(*) AS n FROM prices " + asAt + "), (SELECT count(*) AS n FROM prices)",
                null)).as("the same aggregation at two blocks is two sub-plans").containsExactly(List.of(atThird, now));
        assertThat(rows("SELECT count(*) FROM prices " + asAt + " AS old JOIN prices AS cur "
                + "ON old.\"offset\" = cur.\"offset\"", null)).containsExactly(List.of(atThird));
    }

    @Test
    void asAtReadsOnlyTheSliceFilesUpToItsBlock() {
        final List<SliceIndex.BlockTime> blocks = dataBlocks();
        final SliceIndex.BlockTime second = blocks.get(1);
        final PreparedQuery query = engine.prepare("SELECT count(*) FROM prices FOR SYSTEM_TIME AS OF '"
                + second.blockHash() + "'");
        assertThat(query.explain()).contains("block " + second.blockHash(), "2 of " + blocks.size() + " slice files");
        final long before = engine.filesRead();
        query.execute(List.of()).close();
        assertThat(engine.filesRead() - before).isEqualTo(2);
        assertThat(rows("EXPLAIN PLAN FOR SELECT * FROM prices FOR SYSTEM_TIME AS OF '" + second.blockHash() + "'",
                null).stream().map(r -> (String) r.get(0))).anyMatch(line -> line.contains("2 of " + blocks.size()));
    }

    @Test
    void badAsAtPointsAreClearErrors() {
        assertThatThrownBy(() -> engine.prepare(
                "SELECT * FROM prices FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("before the first block of dataset 'prices'");
        assertThatThrownBy(() -> engine.prepare("SELECT * FROM prices FOR SYSTEM_TIME AS OF 'not-a-hash'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("neither a timestamp nor a block hash");
        final String otherHash = "f1620" + "0".repeat(64);
        assertThatThrownBy(() -> engine.prepare("SELECT * FROM prices FOR SYSTEM_TIME AS OF '" + otherHash + "'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("is not a block of dataset 'prices'");
        assertThatThrownBy(() -> engine.prepare(
                "SELECT * FROM sys.blocks FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'"))
                .isInstanceOf(SqlException.class);
        final Session session = new Session();
        assertThatThrownBy(() -> rows("SET weft.as_at = 'yesterday'", session))
                .isInstanceOf(SqlException.class).hasMessageContaining("takes a timestamp");
        assertThatThrownBy(() -> rows("SET weft.nothing = 1", session))
                .isInstanceOf(SqlException.class).hasMessageContaining("Unknown setting");
    }

    @Test
    void eventTimeAsOfHasOneMeaningInEveryForm() {
        final String columns = "SELECT item, price, event_time FROM ";
        final String asOf = "FOR EVENT_TIME AS OF TIMESTAMP '2026-02-11 00:00:00'";
        final List<List<Object>> state = rows(columns + "prices " + asOf + " ORDER BY item", null);
        // Each snapshot is the whole state on its day: as of the 11th day it is what the 11th snapshot held, which
        // the state known right after ingesting it (AS AT its block) shows too.
        assertThat(dataBlocks()).hasSize(SNAPSHOTS);
        assertThat(state).isNotEmpty().isEqualTo(rows(columns + "state.prices FOR SYSTEM_TIME AS OF '"
                + dataBlocks().get(10).blockHash() + "' ORDER BY item", null))
                .isNotEqualTo(rows(columns + "state.prices ORDER BY item", null));
        assertThat(state).allMatch(row -> !((LocalDateTime) row.get(2)).isAfter(
                LocalDateTime.parse("2026-02-11T00:00:00")));
        assertThat(rows(columns + "state.prices " + asOf + " ORDER BY item", null)).isEqualTo(state);
        assertThat(rows("WITH p AS (SELECT * FROM prices) " + columns + "p " + asOf + " ORDER BY item", null))
                .isEqualTo(state);
        assertThat(rows("SELECT item, price, event_time FROM prices " + asOf + " AS p WHERE p.item IN "
                + "(SELECT item FROM prices " + asOf + ") ORDER BY item", null)).isEqualTo(state);
        try (QueryResult result = engine.prepare(columns + "prices FOR EVENT_TIME AS OF ? ORDER BY item")
                .execute(List.of(LocalDateTime.parse("2026-02-11T00:00:00")))) {
            assertThat(ArrowRows.drain(result)).isEqualTo(state);
        }
        final SliceIndex.BlockTime sixth = dataBlocks().get(5);
        final String asAt = "FOR SYSTEM_TIME AS OF '" + sixth.blockHash() + "'";
        final List<List<Object>> known = rows(columns + "prices " + asAt + " " + asOf + " ORDER BY item", null);
        assertThat(rows(columns + "prices " + asOf + " " + asAt + " ORDER BY item", null)).isEqualTo(known);
        final Session session = new Session();
        rows("SET weft.as_at = '" + TIMESTAMP.format(sixth.systemTime()) + "'", session);
        assertThat(rows(columns + "prices " + asOf + " ORDER BY item", session)).isEqualTo(known);
    }

    @Test
    void badEventTimesAreClearErrors() {
        assertThatThrownBy(() -> engine.prepare(
                "SELECT * FROM sys.blocks FOR EVENT_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("apply to ODF datasets (schemas odf and state); 'blocks' is not one")
                .extracting(e -> ((SqlException) e).code()).isEqualTo(ErrorCode.SQL_INVALID);
        assertThatThrownBy(() -> engine.prepare("SELECT * FROM prices FOR EVENT_TIME AS OF 42"))
                .isInstanceOf(SqlException.class).hasMessageContaining("FOR EVENT_TIME AS OF needs a TIMESTAMP");
        assertThatThrownBy(() -> engine.prepare("SELECT * FROM prices AS p WHERE EXISTS (SELECT 1 FROM prices "
                + "FOR EVENT_TIME AS OF p.event_time)"))
                .isInstanceOf(SqlException.class).hasMessageContaining("does not depend on the rows of the query");
        assertThatThrownBy(() -> engine.prepare("SELECT * FROM prices FOR EVENT_TIME AS OF TIMESTAMP "
                + "'2026-01-01 00:00:00' FOR EVENT_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'"))
                .isInstanceOf(SqlException.class).hasMessageContaining("Syntax error");
    }

    /** The records of {@code all} (ordered by offset) that a reader at {@code block} saw. */
    private List<List<Object>> prefix(List<List<Object>> all, SliceIndex.BlockTime block) {
        final long lastOffset = view.slices().slicesUpTo(block.sequenceNumber()).stream()
                .mapToLong(s -> s.offsets().end()).max().orElse(-1);
        return all.stream().filter(r -> (Long) r.get(0) <= lastOffset).toList();
    }

    private List<SliceIndex.BlockTime> dataBlocks() {
        final List<SliceIndex.BlockTime> blocks = new ArrayList<>();
        for (SliceIndex.Slice slice : view.slices().slices()) {
            blocks.add(view.slices().block(slice.blockHash()).orElseThrow());
        }
        return blocks;
    }

    private List<List<Object>> rows(String sql, Session session) {
        try (QueryResult result = engine.execute(sql, session == null ? new Session() : session)) {
            return ArrowRows.drain(result);
        }
    }
}
