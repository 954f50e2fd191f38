package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.OperationType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a root dataset's merge strategy: folds the records already in the dataset into the state the strategy
 * needs, then turns one ingest's records into the changelog records to append.
 *
 * <ul>
 *   <li>Append: every record as {@code +A}.
 *   <li>Ledger: records whose primary key was seen before (earlier in the dataset or in this ingest) are dropped.
 *   <li>Snapshot: the records are the complete current state. New keys become {@code +A}; keys whose compared columns
 *       changed become {@code -C} (the previous record, as it was) followed by {@code +C} (the new one); keys missing
 *       from the snapshot become {@code -R} carrying the previous record as it was. Output follows the snapshot's
 *       order, retractions last in the order the keys were first recorded. A key twice in one snapshot is an error.
 * </ul>
 * Not thread-safe.
 */
final class Merger {
    private final MergeStrategy strategy;
    private final List<String> columns;
    private final int[] keyColumns;
    private final int[] compareColumns;
    private final Set<List<Object>> seenKeys = new HashSet<>();
    private final Map<List<Object>, IngestRow> state = new LinkedHashMap<>();

    Merger(MergeStrategy strategy, List<String> columns) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.columns = List.copyOf(columns);
        final List<String> primaryKey = primaryKey(strategy);
        this.keyColumns = indexes(primaryKey, "primary key");
        final List<String> compare = strategy instanceof MergeStrategy.Snapshot snapshot && snapshot.compareColumns() != null
                ? snapshot.compareColumns()
                : columns.stream().filter(c -> !primaryKey.contains(c)).toList();
        this.compareColumns = indexes(compare, "compare column");
        if (strategy instanceof MergeStrategy.ChangelogStream || strategy instanceof MergeStrategy.UpsertStream) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "The " + strategy.kind()
                    + " merge strategy is not supported by Weft's ingest yet; use Append, Ledger or Snapshot");
        }
    }

    /** Whether {@link #fold} needs the dataset's existing records. */
    boolean needsHistory() {
        return !(strategy instanceof MergeStrategy.Append);
    }

    /** Adds one existing changelog record, in offset order, to the state. */
    void fold(IngestRow row) {
        final List<Object> key = row.key(keyColumns);
        seenKeys.add(key);
        if (row.op() == OperationType.RETRACT.code() || row.op() == OperationType.CORRECT_FROM.code()) {
            state.remove(key);
        } else {
            state.put(key, row);
        }
    }

    /** The changelog records for one ingest's records, in the order to append them. */
    List<IngestRow> merge(List<IngestRow> input) {
        if (strategy instanceof MergeStrategy.Append) {
            return input;
        }
        final List<IngestRow> out = new ArrayList<>();
        if (strategy instanceof MergeStrategy.Ledger) {
            for (IngestRow row : input) {
                if (seenKeys.add(row.key(keyColumns))) {
                    out.add(row);
                }
            }
            return out;
        }
        final Map<List<Object>, IngestRow> snapshot = new LinkedHashMap<>();
        for (IngestRow row : input) {
            final List<Object> key = row.key(keyColumns);
            if (snapshot.put(key, row) != null) {
                throw new WeftException(ErrorCode.INVALID_DATA, "The snapshot has the primary key "
                        + describeKey(key) + " more than once; a Snapshot merge needs each key at most once");
            }
        }
        for (Map.Entry<List<Object>, IngestRow> entry : snapshot.entrySet()) {
            final IngestRow previous = state.get(entry.getKey());
            final IngestRow current = entry.getValue();
            if (previous == null) {
                out.add(current.withOp(OperationType.APPEND.code()));
            } else if (!current.key(compareColumns).equals(previous.key(compareColumns))) {
                out.add(previous.withOp(OperationType.CORRECT_FROM.code()));
                out.add(current.withOp(OperationType.CORRECT_TO.code()));
            }
        }
        for (Map.Entry<List<Object>, IngestRow> entry : state.entrySet()) {
            if (!snapshot.containsKey(entry.getKey())) {
                out.add(entry.getValue().withOp(OperationType.RETRACT.code()));
            }
        }
        return out;
    }

    private String describeKey(List<Object> key) {
        final StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < keyColumns.length; i++) {
            out.append(i > 0 ? ", " : "").append(columns.get(keyColumns[i])).append('=').append(key.get(i));
        }
        return out.append(')').toString();
    }

    private static List<String> primaryKey(MergeStrategy strategy) {
        if (strategy instanceof MergeStrategy.Ledger ledger) {
            return ledger.primaryKey();
        }
        if (strategy instanceof MergeStrategy.Snapshot snapshot) {
            return snapshot.primaryKey();
        }
        return List.of();
    }

    private int[] indexes(List<String> names, String what) {
        final int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns.indexOf(names.get(i));
            if (out[i] < 0) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST, "The " + strategy.kind() + " merge strategy names "
                        + what + " '" + names.get(i) + "', which is not a data column; columns are " + columns);
            }
        }
        return out;
    }
}
