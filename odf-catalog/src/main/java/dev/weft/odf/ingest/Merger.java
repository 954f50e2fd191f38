package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.OperationType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a root dataset's merge strategy: folds the records already in the dataset into the state the strategy
 * needs, then turns one ingest's records into the changelog records to append, in the order kamu writes them (its
 * writer sorts every merge's output by the strategy's sort order, the first ingest included). A primary key or a
 * compare column may name any column of the data, the event-time column included.
 *
 * <ul>
 *   <li>Append: every record as {@code +A}, in input order.
 *   <li>Ledger: records whose primary key is already in the dataset are dropped, even with other values; duplicates
 *       within one ingest are kept. Sorted by event time; ties keep input order.
 *   <li>Snapshot: the records are the complete current state. New keys become {@code +A}; keys whose compared
 *       columns changed (by default every column but the key, event time included) become {@code -C} (the previous
 *       record, as it was) and {@code +C} (the new one); keys missing from the snapshot become {@code -R} carrying
 *       the previous record as it was. A key twice in one snapshot is an error. Sorted by key, then operation.
 *   <li>ChangelogStream: the input carries its own operations (RFC 015) and passes through after checks, in input
 *       order: a {@code -R} or {@code -C} must name a live key, a {@code -C} must be followed by the {@code +C} of
 *       the same key, and a {@code +A} must not name a live key. Sorted by key, then operation; an input whose
 *       changes of one key that sort would reorder (a {@code -R} then a {@code +A}, two corrections) is refused.
 *   <li>UpsertStream: an input operation of {@code 1} ({@code -R}) deletes, any other upserts; without an operation
 *       column every record upserts. Of several records of one key the last wins. An unseen key becomes {@code +A};
 *       a live key with other values (event time included) {@code -C} (the stored record) and {@code +C}; the same
 *       values add nothing; a delete of a live key {@code -R} with the stored record, of an unknown key nothing.
 *       Sorted by key, then operation.
 * </ul>
 * Not thread-safe.
 */
final class Merger {
    private static final List<String> OPS = List.of("+A", "-R", "-C", "+C");
    private final MergeStrategy strategy;
    private final RowColumns primaryKey;
    private final RowColumns compared;
    private final Set<List<Object>> seenKeys = new HashSet<>();
    private final Map<List<Object>, IngestRow> state = new HashMap<>();

    /**
     * @param dataColumns the names of the data columns, in the order of {@link IngestRow#values()}
     * @param eventTimeColumn the name of the event-time column
     */
    Merger(MergeStrategy strategy, List<String> dataColumns, String eventTimeColumn) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        final List<String> key = strategy.primaryKey();
        this.primaryKey = RowColumns.of(key, dataColumns, eventTimeColumn, strategy.kind(), "primary key");
        final List<String> allButKey = new ArrayList<>();
        allButKey.add(eventTimeColumn);
        allButKey.addAll(dataColumns);
        allButKey.removeAll(key);
        final List<String> compare = strategy instanceof MergeStrategy.Snapshot snapshot
                && snapshot.compareColumns() != null ? snapshot.compareColumns() : allButKey;
        this.compared = RowColumns.of(compare, dataColumns, eventTimeColumn, strategy.kind(), "compare column");
    }

    /** Whether inputs of this strategy carry an operation column. */
    static boolean carriesOperations(MergeStrategy strategy) {
        return strategy instanceof MergeStrategy.ChangelogStream || strategy instanceof MergeStrategy.UpsertStream;
    }

    /** Whether inputs of this strategy must carry an operation column (UpsertStream's is optional). */
    static boolean requiresOperations(MergeStrategy strategy) {
        return strategy instanceof MergeStrategy.ChangelogStream;
    }

    /** Whether {@link #fold} needs the dataset's existing records. */
    boolean needsHistory() {
        return !(strategy instanceof MergeStrategy.Append);
    }

    /** Adds one existing changelog record, in offset order, to the state. */
    void fold(IngestRow row) {
        final List<Object> key = primaryKey.valuesOf(row);
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
        if (strategy instanceof MergeStrategy.Ledger) {
            return ledger(input);
        }
        final List<IngestRow> out = strategy instanceof MergeStrategy.ChangelogStream ? changelog(input)
                : strategy instanceof MergeStrategy.UpsertStream ? upsert(input)
                : snapshot(input);
        out.sort(primaryKey.order().thenComparingInt(IngestRow::op));
        return out;
    }

    private List<IngestRow> ledger(List<IngestRow> input) {
        final List<IngestRow> out = new ArrayList<>();
        for (IngestRow row : input) {
            if (!seenKeys.contains(primaryKey.valuesOf(row))) {
                out.add(row.withOp(OperationType.APPEND.code()));
            }
        }
        out.sort(Comparator.comparingLong(IngestRow::eventTime));
        return out;
    }

    private List<IngestRow> snapshot(List<IngestRow> input) {
        final Map<List<Object>, IngestRow> snapshot = new LinkedHashMap<>();
        for (IngestRow row : input) {
            final List<Object> key = primaryKey.valuesOf(row);
            if (snapshot.put(key, row) != null) {
                throw new WeftException(ErrorCode.INVALID_DATA, "The snapshot has the primary key "
                        + primaryKey.describe(key) + " more than once; a Snapshot merge needs each key at most once");
            }
        }
        final List<IngestRow> out = new ArrayList<>();
        for (Map.Entry<List<Object>, IngestRow> entry : snapshot.entrySet()) {
            changeTo(state.get(entry.getKey()), entry.getValue(), out);
        }
        for (Map.Entry<List<Object>, IngestRow> entry : state.entrySet()) {
            if (!snapshot.containsKey(entry.getKey())) {
                out.add(entry.getValue().withOp(OperationType.RETRACT.code()));
            }
        }
        return out;
    }

    private List<IngestRow> upsert(List<IngestRow> input) {
        final Map<List<Object>, IngestRow> latest = new LinkedHashMap<>();
        for (IngestRow row : input) {
            latest.put(primaryKey.valuesOf(row), row);
        }
        final List<IngestRow> out = new ArrayList<>();
        for (Map.Entry<List<Object>, IngestRow> entry : latest.entrySet()) {
            final IngestRow previous = state.get(entry.getKey());
            if (entry.getValue().op() != OperationType.RETRACT.code()) {
                changeTo(previous, entry.getValue(), out);
            } else if (previous != null) {
                out.add(previous.withOp(OperationType.RETRACT.code()));
            }
        }
        return out;
    }

    /** Adds what turns {@code previous} (null when the key is new) into {@code current}: nothing when they agree. */
    private void changeTo(IngestRow previous, IngestRow current, List<IngestRow> out) {
        if (previous == null) {
            out.add(current.withOp(OperationType.APPEND.code()));
        } else if (!compared.valuesOf(current).equals(compared.valuesOf(previous))) {
            out.add(previous.withOp(OperationType.CORRECT_FROM.code()));
            out.add(current.withOp(OperationType.CORRECT_TO.code()));
        }
    }

    private List<IngestRow> changelog(List<IngestRow> input) {
        final Map<List<Object>, Integer> lastOps = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            final IngestRow row = input.get(i);
            final List<Object> key = primaryKey.valuesOf(row);
            final Integer lastOp = lastOps.put(key, row.op());
            if (lastOp != null && lastOp > row.op()) {
                // The slice is sorted by key, then operation (as kamu writes it): this order would not survive.
                throw invalid(i, "has a " + OPS.get(row.op()) + " for key " + primaryKey.describe(key) + " after a "
                        + OPS.get(lastOp) + " of it; the slice is written sorted by key, then operation (+A, -R, -C,"
                        + " +C), which would reorder them: ingest such changes of one key separately");
            }
            final boolean live = state.containsKey(key);
            if (row.op() == OperationType.APPEND.code() && live) {
                throw invalid(i, "appends key " + primaryKey.describe(key)
                        + ", which is live already; correct it with -C/+C");
            }
            if ((row.op() == OperationType.RETRACT.code() || row.op() == OperationType.CORRECT_FROM.code()) && !live) {
                throw invalid(i, "retracts or corrects key " + primaryKey.describe(key) + ", which is not live");
            }
            if (row.op() == OperationType.CORRECT_FROM.code()) {
                final boolean pairFollows = i + 1 < input.size()
                        && input.get(i + 1).op() == OperationType.CORRECT_TO.code()
                        && primaryKey.valuesOf(input.get(i + 1)).equals(key);
                if (!pairFollows) {
                    throw invalid(i, "has a -C for key " + primaryKey.describe(key) + " not followed by its +C");
                }
            } else if (row.op() == OperationType.CORRECT_TO.code()
                    && (i == 0 || input.get(i - 1).op() != OperationType.CORRECT_FROM.code())) {
                throw invalid(i, "has a +C for key " + primaryKey.describe(key) + " without the -C before it");
            }
            fold(row);
        }
        return new ArrayList<>(input);
    }

    private WeftException invalid(int index, String problem) {
        return new WeftException(ErrorCode.INVALID_DATA, "Input record " + (index + 1) + " of this " + strategy.kind()
                + " " + problem);
    }
}
