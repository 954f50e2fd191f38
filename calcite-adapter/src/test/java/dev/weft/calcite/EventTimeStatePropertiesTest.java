package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code FOR EVENT_TIME AS OF} against a brute-force fold, over random changelogs: a ChangelogStream dataset takes
 * additions, corrections and retractions with event times in any order (late records included) over several commits.
 * For every commit (by {@code FOR SYSTEM_TIME AS OF} its block) and every event time, the state is what folding that
 * prefix of the changelog, in offset order and restricted to records that took effect at or before the event time,
 * leaves per key.
 */
class EventTimeStatePropertiesTest {
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);
    private static final int DAYS = 5;
    private static final List<String> KEYS = List.of("apple", "pear", "plum", "fig");

    /** One random step, interpreted against the live keys: add a dead key, or correct or retract a live one. */
    record Step(int key, boolean retract, int value, int day) {}

    /** A changelog record as ingested: operation, key, value and event day. */
    record Change(String op, String key, int value, int day) {}

    @Property(tries = 20)
    void eventTimeStateIsTheFoldOfTheRecordsAtOrBeforeIt(@ForAll("commits") List<List<Step>> commits)
            throws IOException {
        try (ScratchWorkspace workspace = new ScratchWorkspace("""
                    kind: DatasetSnapshot
                    version: 1
                    content:
                      name: stock
                      kind: Root
                      metadata:
                        - kind: AddPushSource
                          sourceName: feed
                          read:
                            kind: Csv
                            header: true
                            schema: ["op STRING", "event_time TIMESTAMP", "item STRING", "quantity INT"]
                          merge:
                            kind: ChangelogStream
                            primaryKey: [item]
                    """)) {
            final Map<String, Change> live = new TreeMap<>();
            final List<Change> changelog = new ArrayList<>();
            final List<Multihash> heads = new ArrayList<>();
            final List<Integer> lengths = new ArrayList<>();
            for (int c = 0; c < commits.size(); c++) {
                final List<Change> changes = changes(commits.get(c), live);
                final StringBuilder csv = new StringBuilder("op,event_time,item,quantity\n");
                for (Change change : changes) {
                    csv.append(change.op()).append(',').append(day(change.day())).append("T00:00:00Z,")
                            .append(change.key()).append(',').append(change.value()).append('\n');
                }
                heads.add(workspace.ingest("stock", csv));
                changelog.addAll(changes);
                lengths.add(changelog.size());
            }
            for (int c = 0; c < heads.size(); c++) {
                final List<Change> known = changelog.subList(0, lengths.get(c));
                for (int day = -1; day <= DAYS; day++) {
                    final String eventTime = "TIMESTAMP '" + day(day) + " 00:00:00'";
                    assertThat(state(workspace, "SELECT item, quantity, event_time FROM stock FOR SYSTEM_TIME AS OF '"
                            + heads.get(c) + "' FOR EVENT_TIME AS OF " + eventTime))
                            .as("commit %d, day %d", c, day).isEqualTo(fold(known, day));
                }
            }
            final int lastDay = changelog.stream().mapToInt(Change::day).max().orElse(0);
            assertThat(state(workspace, "SELECT item, quantity, event_time FROM state.stock FOR EVENT_TIME AS OF "
                    + "TIMESTAMP '" + day(lastDay - 1) + " 00:00:00'")).isEqualTo(fold(changelog, lastDay - 1));
            assertThat(state(workspace, "SELECT item, quantity, event_time FROM state.stock"))
                    .isEqualTo(fold(changelog, lastDay));
        }
    }

    @Provide
    Arbitrary<List<List<Step>>> commits() {
        final Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, KEYS.size() - 1),
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 9),
                Arbitraries.integers().between(0, DAYS - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(8).list().ofMinSize(1).ofMaxSize(4);
    }

    /**
     * Turns random steps into a well-formed changelog against the live records, updating them. One change per key and
     * commit: the slice is sorted by key, then operation, so several changes of one key go in separate commits.
     */
    private static List<Change> changes(List<Step> steps, Map<String, Change> live) {
        final List<Change> changes = new ArrayList<>();
        final java.util.Set<String> changed = new java.util.HashSet<>();
        for (Step step : steps) {
            final String key = KEYS.get(step.key());
            if (!changed.add(key)) {
                continue;
            }
            final Change current = live.get(key);
            if (current == null) {
                final Change added = new Change("+A", key, step.value(), step.day());
                changes.add(added);
                live.put(key, added);
            } else if (step.retract()) {
                changes.add(new Change("-R", key, current.value(), current.day()));
                live.remove(key);
            } else {
                final Change corrected = new Change("+C", key, step.value(), step.day());
                changes.add(new Change("-C", key, current.value(), current.day()));
                changes.add(corrected);
                live.put(key, corrected);
            }
        }
        return changes;
    }

    /**
     * The brute-force fold: additions and new values set a key, retractions and old values clear it. A record counts
     * from the day it takes effect: its own event day, except an old value ({@code -C}), which repeats the record it
     * replaces and takes effect on the day of its new value ({@code +C}, the next record).
     */
    private static Map<String, String> fold(List<Change> changelog, int day) {
        final Map<String, String> state = new TreeMap<>();
        for (int i = 0; i < changelog.size(); i++) {
            final Change change = changelog.get(i);
            final int takesEffect = change.op().equals("-C") ? changelog.get(i + 1).day() : change.day();
            if (takesEffect > day) {
                continue;
            }
            if (change.op().startsWith("+")) {
                state.put(change.key(), change.value() + " @ " + day(change.day()));
            } else {
                state.remove(change.key());
            }
        }
        return state;
    }

    private static String day(int day) {
        return FIRST_DAY.plusDays(day).toString();
    }

    private static Map<String, String> state(ScratchWorkspace workspace, String sql) {
        final Map<String, String> state = new TreeMap<>();
        for (List<Object> row : workspace.rows(sql)) {
            final String key = String.valueOf(row.get(0));
            assertThat(state.put(key, row.get(1) + " @ " + row.get(2).toString().substring(0, 10)))
                    .as("key %s twice", key).isNull();
        }
        return state;
    }
}
