package dev.weft.temporal;

import dev.weft.odf.dataset.DatasetView;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Folds a dataset's changelog into the records that are live: for each primary key of its merge strategy the latest
 * record (in offset order), kept when it is an addition ({@code +A}) or a correction's new value ({@code +C}) and
 * dropped when it is a retraction ({@code -R}) or a correction's old value ({@code -C}). Datasets without a primary
 * key match whole records: each retraction cancels one earlier record with the same event time and data.
 *
 * <p>With an event time, only the records whose event time is at or before it take part: the state of the world at
 * that event time, with every retraction and correction of those records that the changelog holds applied (they carry
 * the event time of the record they retract). The fold is a plan (windows over the changelog), so it runs in the
 * vectorized engine like any query, and keeps the changelog's columns.
 */
final class StateFold {
    private static final int OP_APPEND = 0;
    private static final int OP_CORRECT_TO = 3;
    private static final String LATEST = "__weft_latest";
    private static final String NET = "__weft_net";

    private StateFold() {}

    /**
     * @param changelog a plan with the dataset's columns (system columns, then data columns)
     * @param eventTime the event time of the state, or null for the state after every record
     */
    static RelNode fold(RelNode changelog, DatasetView view, RexNode eventTime) {
        final RelBuilder b = RelFactories.LOGICAL_BUILDER.create(changelog.getCluster(), null);
        b.push(changelog);
        final List<String> columns = changelog.getRowType().getFieldNames();
        if (eventTime != null) {
            final RexNode column = b.field(view.systemColumns().eventTime());
            final RelDataType type = b.getTypeFactory().createTypeWithNullability(column.getType(), true);
            b.filter(b.lessThanOrEqual(column, b.getRexBuilder().makeCast(type, eventTime, true, false)));
        }
        final String op = view.systemColumns().operationType();
        final RexNode additive = b.in(b.field(op), b.literal(OP_APPEND), b.literal(OP_CORRECT_TO));
        final List<RexNode> fields = new ArrayList<>(b.fields());
        final List<RexNode> primaryKey = primaryKey(b, view);
        if (primaryKey != null) {
            fields.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(primaryKey)
                    .orderBy(b.desc(b.field(view.systemColumns().offset()))).as(LATEST));
            b.project(fields);
            b.filter(b.equals(b.field(LATEST), b.literal(1)), additive);
        } else {
            final List<RexNode> row = retractedFields(b, view);
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
    private static List<RexNode> retractedFields(RelBuilder b, DatasetView view) {
        final List<RexNode> row = new ArrayList<>();
        row.add(b.field(view.systemColumns().eventTime()));
        for (String column : b.peek().getRowType().getFieldNames()) {
            if (!view.systemColumns().names().contains(column)) {
                row.add(b.field(column));
            }
        }
        return row;
    }
}
