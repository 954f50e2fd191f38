package dev.weft.calcite.schema;

import dev.weft.calcite.OdfTypes;
import dev.weft.odf.dataset.DatasetView;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A dataset as a SQL table, pinned to the head its {@link DatasetView} was taken at. Queries over such tables alone
 * are pushed whole to the vectorized engine; {@link #scan} serves the rare plan Calcite executes itself (a join with
 * a system table).
 */
public final class OdfTable extends AbstractTable implements ScannableTable {
    private final DatasetView view;
    private final TableScanner scanner;
    private RelDataType rowType;

    /** Reads a table's rows for Calcite's own executor. */
    public interface TableScanner {
        Enumerable<Object[]> scan(OdfTable table);
    }

    public OdfTable(DatasetView view, TableScanner scanner) {
        this.view = Objects.requireNonNull(view, "view");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    public DatasetView view() {
        return view;
    }

    @Override
    public synchronized RelDataType getRowType(RelDataTypeFactory typeFactory) {
        if (rowType == null) {
            rowType = OdfTypes.rowType(view, typeFactory);
        }
        return rowType;
    }

    /** The row type computed by the last {@link #getRowType} call (planning always asks first). */
    public synchronized RelDataType rowType() {
        return Objects.requireNonNull(rowType, "row type not derived yet");
    }

    @Override
    public Statistic getStatistic() {
        final long rows = view.slices().slices().stream()
                .mapToLong(s -> s.offsets().end() - s.offsets().start() + 1).sum();
        return Statistics.of(rows, List.of(), List.of(RelCollations.of(0)));
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return scanner.scan(this);
    }
}
