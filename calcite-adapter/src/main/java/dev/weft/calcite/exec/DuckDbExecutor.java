package dev.weft.calcite.exec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/** Runs plans over dataset tables in the vectorized engine. */
public final class DuckDbExecutor {
    private DuckDbExecutor() {}

    /** The engine SQL for {@code rel}, its result columns cast to {@code rowType}. */
    public static String sql(RelNode rel, RelDataType rowType) {
        return DuckDbSql.render(rel, rowType);
    }

    /** Starts {@code rel} (parameters already bound) and returns its streaming result. */
    public static QueryResult start(DuckDb duckDb, RelNode rel, RelDataType rowType, Schema schema,
            BufferAllocator allocator, int batchRows) {
        return DuckDbResult.start(duckDb, sql(rel, rowType), schema, allocator, batchRows);
    }
}
