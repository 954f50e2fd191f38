package dev.weft.calcite.schema;

import dev.weft.calcite.OdfTypes;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.temporal.TemporalFunctions;
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
import org.apache.calcite.tools.RelBuilder;

/**
 * The state projection of a dataset (schema {@code state}): its changelog folded into the records that are live, as
 * {@code dev.weft.temporal.StateFold} defines it, without the {@code op} column.
 *
 * <p>The table expands to the dataset's table under a {@code WEFT_STATE()} snapshot; the temporal rewrite folds the
 * changelog there, as known at the block of a {@code FOR SYSTEM_TIME AS OF} and at the event time of a
 * {@code FOR EVENT_TIME AS OF} on this table, so the fold runs in the vectorized engine like any query.
 */
public final class StateTable extends AbstractTable implements TranslatableTable, TemporalTable {
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
        b.push(changelog.toRel(context)).snapshot(b.call(TemporalFunctions.STATE));
        final List<RexNode> output = new ArrayList<>();
        for (String name : getRowType(context.getCluster().getTypeFactory()).getFieldNames()) {
            output.add(b.field(name));
        }
        return b.project(output).build();
    }
}
