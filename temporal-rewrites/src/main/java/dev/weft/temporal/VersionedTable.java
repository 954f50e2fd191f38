package dev.weft.temporal;

import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import org.apache.calcite.schema.Table;

/** A dataset table that can be read as it was at one of its blocks (AS AT). */
public interface VersionedTable extends Table {
    /** The dataset at the head the query pinned. */
    DatasetView view();

    /**
     * The same table (same columns) reading only the data slices up to and including {@code block}: what a reader
     * of the dataset at that block saw.
     */
    VersionedTable asAt(SliceIndex.BlockTime block);

    /** The block this table is pinned to by AS AT, or null when it reads the whole pinned head. */
    SliceIndex.BlockTime asAtBlock();
}
