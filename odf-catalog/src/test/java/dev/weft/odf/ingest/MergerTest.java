package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.MergeStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The merge strategies against the cases of kamu's own merge-strategy tests (a city's population by year; the year is
 * the event time), and properties: folding a Snapshot or UpsertStream merge's output onto the dataset's state gives
 * the state the input describes, every {@code -R}/{@code -C} repeats the stored record whole, and the output is sorted
 * by key, then operation.
 */
class MergerTest {
    private static final List<String> DATA = List.of("city", "population");
    private static final String YEAR = "year";
    private static final MergeStrategy SNAPSHOT = new MergeStrategy.Snapshot(List.of("city"), null);
    private static final MergeStrategy UPSERT = new MergeStrategy.UpsertStream(List.of("city"));

    @Test
    void snapshotMixOfChangesIsSortedByKeyThenOp() {
        final Merger merger = merger(SNAPSHOT, row(0, 2020, "vancouver", 1), row(0, 2020, "seattle", 2),
                row(0, 2020, "kyiv", 3));
        assertThat(show(merger.merge(rows(row(0, 2021, "seattle", 2), row(0, 2021, "kyiv", 4),
                row(0, 2021, "odessa", 5))))).containsExactly(
                        "-C 2020 kyiv 3", "+C 2021 kyiv 4", "+A 2021 odessa 5",
                        "-C 2020 seattle 2", "+C 2021 seattle 2", "-R 2020 vancouver 1");
    }

    @Test
    void snapshotComparesTheEventTimeToo() {
        // kamu's test_snapshot_merge_input_carries_event_time: kyiv changes its year only.
        final Merger merger = merger(SNAPSHOT, row(0, 2020, "vancouver", 1), row(0, 2020, "seattle", 2),
                row(0, 2020, "kyiv", 3));
        assertThat(show(merger.merge(rows(row(0, 2020, "seattle", 2), row(0, 2021, "kyiv", 3),
                row(0, 2021, "odessa", 5))))).containsExactly(
                        "-C 2020 kyiv 3", "+C 2021 kyiv 3", "+A 2021 odessa 5", "-R 2020 vancouver 1");
    }

    @Test
    void snapshotWithCompareColumnsChangesOnlyWhenTheyDo() {
        final MergeStrategy byPopulation = new MergeStrategy.Snapshot(List.of("city"), List.of("population"));
        final Merger merger = merger(byPopulation, row(0, 2020, "kyiv", 3), row(0, 2020, "seattle", 2));
        assertThat(show(merger.merge(rows(row(0, 2021, "seattle", 2), row(0, 2021, "kyiv", 4)))))
                .containsExactly("-C 2020 kyiv 3", "+C 2021 kyiv 4");
    }

    @Test
    void theFirstSnapshotIsSortedToo() {
        assertThat(show(merger(SNAPSHOT).merge(rows(row(0, 2020, "vancouver", 1), row(0, 2020, "kyiv", 3)))))
                .containsExactly("+A 2020 kyiv 3", "+A 2020 vancouver 1");
    }

    @Test
    void aSnapshotWithAKeyTwiceIsRefused() {
        assertThatThrownBy(() -> merger(SNAPSHOT).merge(rows(row(0, 2020, "kyiv", 3), row(0, 2020, "kyiv", 4))))
                .isInstanceOf(WeftException.class).hasMessageContaining("primary key (city=kyiv) more than once");
    }

    @Test
    void ledgerDropsKnownKeysKeepsDuplicatesOfOneIngestAndSortsByEventTime() {
        final Merger merger = merger(new MergeStrategy.Ledger(List.of("city")), row(0, 2020, "kyiv", 3));
        assertThat(show(merger.merge(rows(row(0, 2022, "odessa", 5), row(0, 2021, "kyiv", 9),
                row(0, 2021, "lviv", 7), row(0, 2020, "odessa", 6))))).containsExactly(
                        "+A 2020 odessa 6", "+A 2021 lviv 7", "+A 2022 odessa 5");
    }

    @Test
    void aPrimaryKeyMayBeTheEventTimeColumn() {
        // kamu's currency_conversion example: merge: {kind: Ledger, primaryKey: [event_time]}.
        final Merger merger = merger(new MergeStrategy.Ledger(List.of(YEAR)), row(0, 2020, "kyiv", 3));
        assertThat(show(merger.merge(rows(row(0, 2020, "lviv", 1), row(0, 2021, "lviv", 2)))))
                .containsExactly("+A 2021 lviv 2");
        final Merger snapshot = merger(new MergeStrategy.Snapshot(List.of(YEAR, "city"), null),
                row(0, 2020, "kyiv", 3));
        assertThat(show(snapshot.merge(rows(row(0, 2021, "kyiv", 3)))))
                .containsExactly("-R 2020 kyiv 3", "+A 2021 kyiv 3");
    }

    @Test
    void anUnknownKeyColumnNamesTheColumns() {
        assertThatThrownBy(() -> merger(new MergeStrategy.Ledger(List.of("town"))))
                .isInstanceOf(WeftException.class)
                .hasMessageContaining("names primary key 'town', which is not a column of the data; columns are "
                        + "year (event time) and [city, population]");
    }

    @Test
    void upsertStreamCases() {
        // test_upsert_merge_to_empty_inter_batch_upserts: the last record of a key wins, whatever its operation.
        assertThat(show(merger(UPSERT).merge(rows(row(0, 2020, "vancouver", 1), row(0, 2020, "vancouver", 2),
                row(3, 2020, "vancouver", 3), row(0, 2020, "seattle", 2), row(0, 2020, "kyiv", 3),
                row(1, 2020, "seattle", 2))))).containsExactly("+A 2020 kyiv 3", "+A 2020 vancouver 3");
        final IngestRow[] stored = {row(0, 2020, "vancouver", 1), row(0, 2020, "seattle", 2), row(0, 2020, "kyiv", 3)};
        // test_upsert_merge_noop_upsert_unordered
        assertThat(merger(UPSERT, stored).merge(rows(row(0, 2020, "kyiv", 3), row(0, 2020, "seattle", 2))))
                .isEmpty();
        // test_upsert_merge_update_in_separate_batch
        assertThat(show(merger(UPSERT, stored).merge(rows(row(0, 2020, "vancouver", 2), row(3, 2020, "kyiv", 4)))))
                .containsExactly("-C 2020 kyiv 3", "+C 2020 kyiv 4", "-C 2020 vancouver 1", "+C 2020 vancouver 2");
        // test_upsert_merge_delete_in_same_batch: a delete writes the stored record, not the input's values.
        assertThat(show(merger(UPSERT, stored).merge(rows(row(3, 2020, "seattle", 3), row(1, 2020, "seattle", 0)))))
                .containsExactly("-R 2020 seattle 2");
        // A delete of an unknown key, and an update of the event time only.
        assertThat(show(merger(UPSERT, stored).merge(rows(row(1, 2020, "odessa", 0), row(0, 2021, "kyiv", 3)))))
                .containsExactly("-C 2020 kyiv 3", "+C 2021 kyiv 3");
    }

    @Test
    void changelogStreamPassesThroughSortedByKeyThenOp() {
        final Merger merger = merger(new MergeStrategy.ChangelogStream(List.of("city")), row(0, 2020, "kyiv", 3));
        assertThat(show(merger.merge(rows(row(2, 2020, "kyiv", 3), row(3, 2021, "kyiv", 4),
                row(0, 2021, "amsterdam", 1))))).containsExactly(
                        "+A 2021 amsterdam 1", "-C 2020 kyiv 3", "+C 2021 kyiv 4");
    }

    @Test
    void changelogStreamRefusesChangesOfOneKeyThatTheSortWouldReorder() {
        final MergeStrategy changelog = new MergeStrategy.ChangelogStream(List.of("city"));
        assertThatThrownBy(() -> merger(changelog, row(0, 2020, "kyiv", 3)).merge(rows(row(1, 2020, "kyiv", 3),
                row(0, 2021, "kyiv", 4)))).isInstanceOf(WeftException.class).hasMessageContaining(
                        "Input record 2 of this ChangelogStream has a +A for key (city=kyiv) after a -R of it");
        assertThatThrownBy(() -> merger(changelog, row(0, 2020, "kyiv", 3)).merge(rows(row(2, 2020, "kyiv", 3),
                row(3, 2021, "kyiv", 4), row(2, 2021, "kyiv", 4), row(3, 2022, "kyiv", 5))))
                .isInstanceOf(WeftException.class).hasMessageContaining("has a -C for key (city=kyiv) after a +C");
        assertThat(show(merger(changelog).merge(rows(row(0, 2020, "kyiv", 3), row(1, 2020, "kyiv", 3)))))
                .containsExactly("+A 2020 kyiv 3", "-R 2020 kyiv 3");
    }

    /** One random record of an input: a city of four, a population, a year, and for upserts a delete flag. */
    record Input(int city, int population, int year, boolean delete) {}

    @Property(tries = 200)
    void foldingASnapshotMergeGivesTheSnapshot(@ForAll("inputs") List<Input> before,
            @ForAll("inputs") List<Input> after) {
        final Merger merger = merger(SNAPSHOT);
        final Map<String, IngestRow> state = new TreeMap<>();
        applyChecked(merger.merge(rows(distinctCities(before))), state, merger);
        final List<IngestRow> snapshot = distinctCities(after);
        applyChecked(merger.merge(rows(snapshot)), state, merger);
        final Map<String, String> expected = new TreeMap<>();
        for (IngestRow row : snapshot) {
            expected.put((String) row.values()[0], show(row).substring(3));
        }
        assertThat(shown(state)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void foldingAnUpsertMergeGivesTheLastUpsertOrDeleteOfEachKey(@ForAll("inputs") List<Input> before,
            @ForAll("inputs") List<Input> after) {
        final Merger merger = merger(UPSERT);
        final Map<String, IngestRow> state = new TreeMap<>();
        final Map<String, IngestRow> expected = new TreeMap<>();
        for (List<Input> ingest : List.of(before, after)) {
            final Map<String, String> beforeIngest = shown(expected);
            final List<IngestRow> input = new ArrayList<>();
            for (Input in : ingest) {
                final IngestRow row = row(in.delete() ? 1 : 0, in.year(), "city" + in.city(), in.population());
                input.add(row);
                if (in.delete()) {
                    expected.remove("city" + in.city());
                } else {
                    expected.put("city" + in.city(), row);
                }
            }
            final List<IngestRow> out = merger.merge(input);
            applyChecked(out, state, merger);
            assertThat(shown(state)).isEqualTo(shown(expected));
            // Nothing is written for a key whose record did not change.
            final long changedKeys = out.stream().map(r -> r.values()[0]).distinct().count();
            assertThat(changedKeys).isEqualTo(changedKeys(beforeIngest, shown(expected)));
        }
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(2020, 2021), Arbitraries.of(false, false, true)).as(Input::new)
                .list().ofMaxSize(8);
    }

    /** The first record of each city, as a snapshot needs them. */
    private static List<IngestRow> distinctCities(List<Input> inputs) {
        final Map<String, IngestRow> rows = new LinkedHashMap<>();
        for (Input in : inputs) {
            rows.putIfAbsent("city" + in.city(), row(0, in.year(), "city" + in.city(), in.population()));
        }
        return new ArrayList<>(rows.values());
    }

    /**
     * Applies a merge's output to {@code state} in order, checking that it is sorted by key then op, that each
     * {@code -R}/{@code -C} repeats the stored record and each {@code -C} is followed by its {@code +C}; then feeds it
     * to the merger as history, as the next ingest would read it.
     */
    private static void applyChecked(List<IngestRow> out, Map<String, IngestRow> state, Merger merger) {
        for (int i = 0; i < out.size(); i++) {
            final IngestRow row = out.get(i);
            final String city = (String) row.values()[0];
            if (i > 0) {
                final String previous = (String) out.get(i - 1).values()[0];
                assertThat(previous.compareTo(city) < 0
                        || previous.equals(city) && out.get(i - 1).op() < row.op()).as("sorted at %d", i).isTrue();
            }
            if (row.op() == 1 || row.op() == 2) {
                assertThat(show(row).substring(3)).isEqualTo(show(state.remove(city)).substring(3));
            } else {
                assertThat(state.containsKey(city)).as("%s live before %s", city, show(row)).isFalse();
                state.put(city, row);
            }
            if (row.op() == 2) {
                assertThat(out.get(i + 1).op()).isEqualTo(3);
                assertThat(out.get(i + 1).values()[0]).isEqualTo(city);
            }
            merger.fold(row);
        }
    }

    private static long changedKeys(Map<String, String> before, Map<String, String> after) {
        final java.util.Set<String> keys = new java.util.HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))).count();
    }

    private static Map<String, String> shown(Map<String, IngestRow> state) {
        final Map<String, String> out = new TreeMap<>();
        state.forEach((key, row) -> out.put(key, show(row).substring(3)));
        return out;
    }

    private static Merger merger(MergeStrategy strategy, IngestRow... history) {
        final Merger merger = new Merger(strategy, DATA, YEAR);
        for (IngestRow row : history) {
            merger.fold(row);
        }
        return merger;
    }

    private static IngestRow row(int op, long year, String city, long population) {
        return new IngestRow(op, year, new Object[] {city, population});
    }

    private static List<IngestRow> rows(IngestRow... rows) {
        return new ArrayList<>(Arrays.asList(rows));
    }

    private static List<IngestRow> rows(List<IngestRow> rows) {
        return new ArrayList<>(rows);
    }

    private static List<String> show(List<IngestRow> rows) {
        return rows.stream().map(MergerTest::show).toList();
    }

    private static String show(IngestRow row) {
        return List.of("+A", "-R", "-C", "+C").get(row.op()) + " " + row.eventTime() + " " + row.values()[0] + " "
                + row.values()[1];
    }
}
