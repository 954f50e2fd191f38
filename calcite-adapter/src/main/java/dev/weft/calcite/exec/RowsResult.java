package dev.weft.calcite.exec;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.linq4j.Linq4j;

/** Results computed in Java, such as an EXPLAIN's lines or the empty result of a SET. */
public final class RowsResult {
    private RowsResult() {}

    /** A result of {@code rows}, each an array of values in the schema's column order. */
    public static QueryResult of(Schema schema, List<Object[]> rows, BufferAllocator allocator, int batchRows) {
        return new EnumerableResult(schema, Linq4j.enumerator(rows), allocator, batchRows);
    }
}
