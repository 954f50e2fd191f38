package dev.weft.calcite.schema;

import dev.weft.odf.dataset.DamagedDataset;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The table of a dataset that cannot be read: it keeps the dataset's name in schemas {@code odf} and {@code state}
 * so that a query naming it fails with what is damaged (SQLSTATE XX001) rather than "table not found". Its row type
 * is unknown, so resolving it during validation throws.
 */
public final class DamagedTable extends AbstractTable {
    private final DamagedDataset dataset;

    DamagedTable(DamagedDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        throw new WeftException(ErrorCode.CORRUPTED, "Cannot read dataset '" + dataset.name() + "': it is damaged ("
                + dataset.problem() + ")");
    }
}
