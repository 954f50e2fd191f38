package dev.weft.temporal;

import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;

/**
 * Folds a dataset's changelog into the records that are live: for each primary key of its merge strategy the latest
 * record (in offset order), kept when it is an addition ({@code +A}) or a correction's new value ({@code +C}) and
 * dropped when it is a retraction ({@code -R}) or a correction's old value ({@code -C}). Datasets without a primary
 * key match whole records: each retraction cancels one earlier record with the same event time and data.
 *
 * <p>With an event time, only the records that took effect at or before it take part: the state of the world at that
 * event time, with every correction known to the changelog applied. A retraction or a correction's old value repeats
 * the record it replaces, old event time included (the ODF rule), so its own event time says nothing of when the
 * change happened. A {@code -C} takes effect at the event time of its {@code +C} (the next record of its key); a
 * {@code -R} that a Snapshot or UpsertStream merge wrote (the source no longer holds the record) takes effect at the
 * watermark of the commit that wrote it; any other record at its own event time. The fold is a plan (windows over the
 * changelog), so it runs in the vectorized engine like any query, and keeps the changelog's columns.
 */
final class StateFold {
    private static final int OP_APPEND = 0;
    private static final int OP_RETRACT = 1;
    private static final int OP_CORRECT_FROM = 2;
    private static final int OP_CORRECT_TO = 3;
    private static final String LATEST = "__weft_latest";
    private static final String NET = "__weft_net";
    private static final String NEXT_EVENT_TIME = "__weft_next_event_time";
    private static final String TAKES_EFFECT = "__weft_takes_effect";

    private StateFold() {}

    /**
     * @param changelog a plan with the dataset's columns (system columns, then data columns)
     * @param eventTime the event time of the state, or null for the state after every record
     */
    static RelNode fold(RelNode changelog, DatasetView view, RexNode eventTime) {
        final RelBuilder b = RelFactories.LOGICAL_BUILDER.create(changelog.getCluster(), null);
        b.push(changelog);
        final List<String> columns = changelog.getRowType().getFieldNames();
        final List<RexNode> primaryKey = primaryKey(b, view);
        if (eventTime != null) {
            takesEffect(b, view, primaryKey != null);
            final RexNode column = b.field(TAKES_EFFECT);
            final RelDataType type = b.getTypeFactory().createTypeWithNullability(column.getType(), true);
            b.filter(b.lessThanOrEqual(column, b.getRexBuilder().makeCast(type, eventTime, true, false)));
        }
        final String op = view.systemColumns().operationType();
        final RexNode additive = b.in(b.field(op), b.literal(OP_APPEND), b.literal(OP_CORRECT_TO));
        final List<RexNode> fields = new ArrayList<>(b.fields());
        if (primaryKey != null) {
            fields.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(primaryKey)
                    .orderBy(b.desc(b.field(view.systemColumns().offset()))).as(LATEST));
            b.project(fields);
            b.filter(b.equals(b.field(LATEST), b.literal(1)), additive);
        } else {
            final List<RexNode> row = retractedFields(b, view, columns);
            final RexNode sign = b.call(SqlStdOperatorTable.CASE, additive, b.literal(1), b.literal(-1));
            fields.add(b.aggregateCall(SqlStdOperatorTable.SUM, sign).over().partitionBy(row).rowsUnbounded()
                    .as(NET));
            final List<RexNode> rankKeys = new ArrayList<>(row);
            rankKeys.add(additive);
            fields.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(rankKeys)
                    .orderBy(b.desc(b.field(view.systemColumns().offset()))).as(LATEST));
            b.project(fields);
            b.filter(additive, b.lessThanOrEqual(b.field(LATEST), b.field(NET)));
        }
        final List<RexNode> output = new ArrayList<>();
        for (String column : columns) {
            output.add(b.field(column));
        }
        return b.project(output, columns, true).build();
    }

    /**
     * Adds the column {@link #TAKES_EFFECT}: the event time at which each record changes the state. Built in two
     * projections so that the window stands alone, as the engine's SQL needs it.
     */
    private static void takesEffect(RelBuilder b, DatasetView view, boolean keyed) {
        final DatasetView.SystemColumns system = view.systemColumns();
        final List<RexNode> fields = new ArrayList<>(b.fields());
        final List<RexNode> key = keyed ? primaryKey(b, view) : List.of();
        fields.add(b.aggregateCall(SqlStdOperatorTable.LEAD, b.field(system.eventTime())).over().partitionBy(key)
                .orderBy(b.field(system.offset())).as(NEXT_EVENT_TIME));
        b.project(fields);
        final RexNode eventTime = b.field(system.eventTime());
        final RexNode op = b.field(system.operationType());
        final List<RexNode> cases = new ArrayList<>();
        cases.add(b.equals(op, b.literal(OP_CORRECT_FROM)));
        cases.add(b.call(SqlStdOperatorTable.COALESCE, b.field(NEXT_EVENT_TIME), eventTime));
        if (view.retractsAtCommit()) {
            final RexNode committed = committedAt(b, view, eventTime);
            if (committed != null) {
                cases.add(b.equals(op, b.literal(OP_RETRACT)));
                cases.add(committed);
            }
        }
        cases.add(eventTime);
        final List<RexNode> withTime = new ArrayList<>(b.fields());
        withTime.remove(withTime.size() - 1);
        withTime.add(b.alias(b.call(SqlStdOperatorTable.CASE, cases), TAKES_EFFECT));
        b.project(withTime);
    }

    /**
     * The watermark of the commit that wrote each record, as a CASE over the offset ranges of the slices (consecutive
     * slices with one watermark share a branch), falling back to the record's event time; null when no slice has a
     * watermark.
     */
    private static RexNode committedAt(RelBuilder b, DatasetView view, RexNode eventTime) {
        final RexNode offset = b.field(view.systemColumns().offset());
        final RelDataType type = b.getTypeFactory().createTypeWithNullability(eventTime.getType(), true);
        final List<SliceIndex.Slice> slices = view.slices().slices();
        final List<RexNode> cases = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            final Instant watermark = slices.get(i).newWatermark();
            if (watermark == null) {
                continue;
            }
            final long start = slices.get(i).offsets().start();
            while (i + 1 < slices.size() && watermark.equals(slices.get(i + 1).newWatermark())) {
                i++;
            }
            final long end = slices.get(i).offsets().end();
            cases.add(b.between(offset, b.literal(start), b.literal(end)));
            cases.add(b.getRexBuilder().makeCast(type, b.getRexBuilder().makeTimestampLiteral(
                    TimestampString.fromMillisSinceEpoch(watermark.toEpochMilli()), 3), true, false));
        }
        if (cases.isEmpty()) {
            return null;
        }
        cases.add(eventTime);
        return b.call(SqlStdOperatorTable.CASE, cases);
    }

    /** The merge strategy's primary key columns, or null when the dataset has none (or lacks one of them). */
    private static List<RexNode> primaryKey(RelBuilder b, DatasetView view) {
        final List<String> names = b.peek().getRowType().getFieldNames();
        if (view.primaryKey().isEmpty() || !names.containsAll(view.primaryKey())) {
            return null;
        }
        final List<RexNode> keys = new ArrayList<>();
        for (String column : view.primaryKey()) {
            keys.add(b.field(column));
        }
        return keys;
    }

    /** What a retraction repeats of the record it retracts: the event time and the data columns. */
    private static List<RexNode> retractedFields(RelBuilder b, DatasetView view, List<String> columns) {
        final List<RexNode> row = new ArrayList<>();
        row.add(b.field(view.systemColumns().eventTime()));
        for (String column : columns) {
            if (!view.systemColumns().names().contains(column)) {
                row.add(b.field(column));
            }
        }
        return row;
    }
}
