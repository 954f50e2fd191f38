package dev.weft.calcite.schema;

import dev.weft.calcite.OdfTypes;
import dev.weft.odf.dataset.DatasetView;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * The state projection of a dataset (schema {@code state}): its changelog folded into the records that are live —
 * for each primary key of its merge strategy the latest record, kept when it is an addition ({@code +A}) or a
 * correction's new value ({@code +C}) and dropped when it is a retraction ({@code -R}) or a correction's old value
 * ({@code -C}). Datasets without a primary key match whole rows: each retraction cancels one identical earlier row.
 *
 * <p>The projection is a plan over the dataset's table (a window over the changelog), so it runs in the vectorized
 * engine like any query, and {@code FOR SYSTEM_TIME AS OF} on it folds the changelog as known at that block.
 */
public final class StateTable extends AbstractTable implements TranslatableTable, TemporalTable {
    private static final int OP_APPEND = 0;
    private static final int OP_CORRECT_TO = 3;
    private static final String LATEST = "__weft_latest";
    private static final String NET = "__weft_net";

    private final DatasetView view;

    StateTable(DatasetView view) {
        this.view = view;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        final RelDataTypeFactory.Builder row = typeFactory.builder();
        for (RelDataTypeField field : OdfTypes.rowType(view, typeFactory).getFieldList()) {
            if (!field.getName().equals(view.systemColumns().operationType())) {
                row.add(field);
            }
        }
        return row.build();
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.VIEW;
    }

    @Override
    public String getSysStartFieldName() {
        return view.systemColumns().systemTime();
    }

    @Override
    public String getSysEndFieldName() {
        return view.systemColumns().systemTime();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        final RelOptTable changelog = relOptTable.getRelOptSchema().getTableForMember(
                List.of(WeftSchemas.CATALOG, WeftSchemas.ODF, view.name()));
        final RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(), relOptTable.getRelOptSchema());
        b.push(changelog.toRel(context));
        final String op = view.systemColumns().operationType();
        final RexNode additive = b.in(b.field(op), b.literal(OP_APPEND), b.literal(OP_CORRECT_TO));
        final List<RexNode> keys = keyFields(b);
        final List<RexNode> columns = new ArrayList<>(b.fields());
        if (!view.primaryKey().isEmpty() && keys.size() == view.primaryKey().size()) {
            columns.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(keys)
                    .orderBy(b.desc(b.field(view.systemColumns().offset()))).as(LATEST));
            b.project(columns);
            b.filter(b.equals(b.field(LATEST), b.literal(1)), additive);
        } else {
            final RexNode sign = b.call(SqlStdOperatorTable.CASE, additive, b.literal(1), b.literal(-1));
            columns.add(b.aggregateCall(SqlStdOperatorTable.SUM, sign).over().partitionBy(keys).rowsUnbounded()
                    .as(NET));
            final List<RexNode> rankKeys = new ArrayList<>(keys);
            rankKeys.add(additive);
            columns.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(rankKeys)
                    .orderBy(b.desc(b.field(view.systemColumns().offset()))).as(LATEST));
            b.project(columns);
            b.filter(additive, b.lessThanOrEqual(b.field(LATEST), b.field(NET)));
        }
        final List<RexNode> output = new ArrayList<>();
        for (String name : getRowType(context.getCluster().getTypeFactory()).getFieldNames()) {
            output.add(b.field(name));
        }
        return b.project(output).build();
    }

    /** The primary key columns, or every data column when the dataset has no key (whole-row matching). */
    private List<RexNode> keyFields(RelBuilder b) {
        final List<String> names = b.peek().getRowType().getFieldNames();
        final List<RexNode> keys = new ArrayList<>();
        final List<String> primaryKey = view.primaryKey();
        for (String column : primaryKey) {
            if (names.contains(column)) {
                keys.add(b.field(column));
            }
        }
        if (!primaryKey.isEmpty() && keys.size() == primaryKey.size()) {
            return keys;
        }
        keys.clear();
        for (String column : names) {
            if (!view.systemColumns().names().contains(column)) {
                keys.add(b.field(column));
            }
        }
        return keys;
    }
}
