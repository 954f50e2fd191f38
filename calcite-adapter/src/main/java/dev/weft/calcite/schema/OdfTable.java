package dev.weft.calcite.schema;

import dev.weft.calcite.OdfTypes;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.temporal.VersionedTable;
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
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A dataset as a SQL table, pinned to the head its {@link DatasetView} was taken at, or — after AS AT — to an earlier
 * block, reading only the slices up to it. Queries over such tables alone are pushed whole to the vectorized engine;
 * {@link #scan} serves the rare plan Calcite executes itself (a join with a system table).
 */
public final class OdfTable extends AbstractTable implements ScannableTable, VersionedTable, TemporalTable {
    private final DatasetView view;
    private final TableScanner scanner;
    private final SliceIndex.BlockTime asAtBlock;
    private final List<SliceIndex.Slice> slices;
    private RelDataType rowType;

    /** Reads a table's rows for Calcite's own executor. */
    public interface TableScanner {
        Enumerable<Object[]> scan(OdfTable table);
    }

    public OdfTable(DatasetView view, TableScanner scanner) {
        this(view, scanner, null, view.slices().slices(), null);
    }

    private OdfTable(DatasetView view, TableScanner scanner, SliceIndex.BlockTime asAtBlock,
            List<SliceIndex.Slice> slices, RelDataType rowType) {
        this.view = Objects.requireNonNull(view, "view");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.asAtBlock = asAtBlock;
        this.slices = List.copyOf(slices);
        this.rowType = rowType;
    }

    @Override
    public DatasetView view() {
        return view;
    }

    @Override
    public synchronized OdfTable asAt(SliceIndex.BlockTime block) {
        final List<SliceIndex.Slice> upTo = view.slices().slicesUpTo(block.sequenceNumber());
        return new OdfTable(view, scanner, block, upTo, rowType);
    }

    @Override
    public SliceIndex.BlockTime asAtBlock() {
        return asAtBlock;
    }

    /** The data slices this table reads, oldest first. */
    public List<SliceIndex.Slice> slices() {
        return slices;
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
        final long rows = slices.stream().mapToLong(s -> s.offsets().end() - s.offsets().start() + 1).sum();
        return Statistics.of(rows, List.of(), List.of(RelCollations.of(0)));
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
    public Enumerable<Object[]> scan(DataContext root) {
        return scanner.scan(this);
    }
}
