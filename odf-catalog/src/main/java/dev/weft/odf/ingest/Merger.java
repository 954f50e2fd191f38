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
 *   <li>ChangelogStream: the input carries its own operations (RFC 015) and passes through after checks: a
 *       {@code -R} or {@code -C} must name a live key, a {@code -C} must be followed by the {@code +C} of the same
 *       key, and a {@code +A} must not name a live key.
 *   <li>UpsertStream: the input's operation is {@code +A} (insert or update) or {@code -R} (delete). An unseen key
 *       becomes {@code +A}; a live key with other values becomes {@code -C} (previous record) and {@code +C}; the same
 *       values add nothing; a delete of a live key becomes {@code -R} with the previous record, of an unknown key an
 *       error.
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
        final List<String> primaryKey = strategy.primaryKey();
        this.keyColumns = indexes(primaryKey, "primary key");
        final List<String> compare = strategy instanceof MergeStrategy.Snapshot snapshot && snapshot.compareColumns() != null
                ? snapshot.compareColumns()
                : columns.stream().filter(c -> !primaryKey.contains(c)).toList();
        this.compareColumns = indexes(compare, "compare column");
    }

    /** Whether inputs of this strategy carry an operation column. */
    static boolean carriesOperations(MergeStrategy strategy) {
        return strategy instanceof MergeStrategy.ChangelogStream || strategy instanceof MergeStrategy.UpsertStream;
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
        if (strategy instanceof MergeStrategy.ChangelogStream) {
            return changelog(input);
        }
        if (strategy instanceof MergeStrategy.UpsertStream) {
            return upsert(input);
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

    private List<IngestRow> changelog(List<IngestRow> input) {
        for (int i = 0; i < input.size(); i++) {
            final IngestRow row = input.get(i);
            final List<Object> key = row.key(keyColumns);
            final boolean live = state.containsKey(key);
            if (row.op() == OperationType.APPEND.code() && live) {
                throw invalid(i, "appends key " + describeKey(key) + ", which is live already; correct it with -C/+C");
            }
            if ((row.op() == OperationType.RETRACT.code() || row.op() == OperationType.CORRECT_FROM.code()) && !live) {
                throw invalid(i, "retracts or corrects key " + describeKey(key) + ", which is not live");
            }
            if (row.op() == OperationType.CORRECT_FROM.code()) {
                final boolean pairFollows = i + 1 < input.size()
                        && input.get(i + 1).op() == OperationType.CORRECT_TO.code()
                        && input.get(i + 1).key(keyColumns).equals(key);
                if (!pairFollows) {
                    throw invalid(i, "has a -C for key " + describeKey(key) + " not followed by its +C");
                }
            } else if (row.op() == OperationType.CORRECT_TO.code()
                    && (i == 0 || input.get(i - 1).op() != OperationType.CORRECT_FROM.code())) {
                throw invalid(i, "has a +C for key " + describeKey(key) + " without the -C before it");
            }
            fold(row);
        }
        return input;
    }

    private List<IngestRow> upsert(List<IngestRow> input) {
        final List<IngestRow> out = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            final IngestRow row = input.get(i);
            final List<Object> key = row.key(keyColumns);
            final IngestRow previous = state.get(key);
            final List<IngestRow> changes = new ArrayList<>();
            if (row.op() == OperationType.RETRACT.code()) {
                if (previous == null) {
                    throw invalid(i, "deletes key " + describeKey(key) + ", which is not live");
                }
                changes.add(previous.withOp(OperationType.RETRACT.code()));
            } else if (row.op() != OperationType.APPEND.code()) {
                throw invalid(i, "has operation " + row.op() + "; upsert inputs use +A (insert or update) and -R (delete)");
            } else if (previous == null) {
                changes.add(row.withOp(OperationType.APPEND.code()));
            } else if (!java.util.Arrays.equals(previous.values(), row.values())) {
                changes.add(previous.withOp(OperationType.CORRECT_FROM.code()));
                changes.add(row.withOp(OperationType.CORRECT_TO.code()));
            }
            for (IngestRow change : changes) {
                fold(change);
                out.add(change);
            }
        }
        return out;
    }

    private WeftException invalid(int index, String problem) {
        return new WeftException(ErrorCode.INVALID_DATA, "Input record " + (index + 1) + " of this " + strategy.kind()
                + " " + problem);
    }

    private String describeKey(List<Object> key) {
        final StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < keyColumns.length; i++) {
            out.append(i > 0 ? ", " : "").append(columns.get(keyColumns[i])).append('=').append(key.get(i));
        }
        return out.append(')').toString();
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
