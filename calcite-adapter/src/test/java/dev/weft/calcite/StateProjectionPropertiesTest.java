package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@code state} schema against two oracles, over random histories of snapshots (a Snapshot merge turns them into
 * changelogs of additions, corrections and retractions): as of each commit, the state is the snapshot that commit
 * ingested; and now, it is what a brute-force fold of the whole changelog (by offset, per key) leaves.
 */
class StateProjectionPropertiesTest {
    @Property(tries = 25)
    void stateAsAtEachCommitIsThatCommitsSnapshot(@ForAll("histories") List<Map<String, Integer>> snapshots)
            throws IOException {
        try (ScratchWorkspace workspace = new ScratchWorkspace("""
                    kind: DatasetSnapshot
                    version: 1
                    content:
                      name: stock
                      kind: Root
                      metadata:
                        - kind: AddPushSource
                          sourceName: csv
                          read:
                            kind: Csv
                            header: true
                            schema:
                              - item STRING
                              - quantity INT
                          merge:
                            kind: Snapshot
                            primaryKey:
                              - item
                    """)) {
            final Map<Multihash, Map<String, Integer>> expectedAtHead = new HashMap<>();
            for (Map<String, Integer> snapshot : snapshots) {
                final StringBuilder csv = new StringBuilder("item,quantity\n");
                snapshot.forEach((item, quantity) -> csv.append(item).append(',').append(quantity).append('\n'));
                expectedAtHead.put(workspace.ingest("stock", csv), snapshot);
            }
            for (Map.Entry<Multihash, Map<String, Integer>> expected : expectedAtHead.entrySet()) {
                assertThat(state(workspace, "SELECT item, quantity FROM state.stock FOR SYSTEM_TIME AS OF '"
                        + expected.getKey() + "'")).isEqualTo(new TreeMap<>(expected.getValue()));
            }
            final Map<String, Integer> folded = fold(workspace.rows(
                    "SELECT \"offset\", op, item, quantity FROM stock ORDER BY \"offset\""));
            assertThat(state(workspace, "SELECT item, quantity FROM state.stock")).isEqualTo(folded)
                    .isEqualTo(new TreeMap<>(snapshots.get(snapshots.size() - 1)));
        }
    }

    @Provide
    Arbitrary<List<Map<String, Integer>>> histories() {
        final Arbitrary<Map<String, Integer>> snapshot = Arbitraries.maps(
                Arbitraries.of("apple", "pear", "plum", "fig", "kiwi", "lime"), Arbitraries.integers().between(1, 3))
                .ofMaxSize(6);
        // The first snapshot declares the schema (an empty first file would leave the table without data columns).
        return snapshot.list().ofMinSize(1).ofMaxSize(6).filter(history -> !history.get(0).isEmpty());
    }

    /** The brute-force fold: additions and new values of corrections set a key, retractions and old values clear it. */
    private static Map<String, Integer> fold(List<List<Object>> changelog) {
        final Map<String, Integer> state = new TreeMap<>();
        for (List<Object> record : changelog) {
            final int op = (Integer) record.get(1);
            final String item = (String) record.get(2);
            if (op == 0 || op == 3) {
                state.put(item, (Integer) record.get(3));
            } else {
                state.remove(item);
            }
        }
        return state;
    }

    private static Map<String, Integer> state(ScratchWorkspace workspace, String sql) {
        final Map<String, Integer> state = new TreeMap<>();
        for (List<Object> row : workspace.rows(sql)) {
            assertThat(state.put((String) row.get(0), (Integer) row.get(1))).as("key %s twice", row.get(0)).isNull();
        }
        return state;
    }
}
