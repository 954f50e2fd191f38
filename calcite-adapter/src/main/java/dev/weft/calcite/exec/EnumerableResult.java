package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Rows computed by Calcite's own executor (plans involving system tables), packed into Arrow batches. Values arrive
 * in Calcite's internal forms: DATE as days, TIME as milliseconds of the day, TIMESTAMP as epoch milliseconds.
 */
final class EnumerableResult implements QueryResult {
    private final Schema schema;
    private final Enumerator<?> rows;
    private final VectorSchemaRoot root;
    private final int batchRows;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private boolean exhausted;
    private boolean closed;

    EnumerableResult(Schema schema, Enumerator<?> rows, BufferAllocator allocator, int batchRows) {
        this.schema = schema;
        this.rows = rows;
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.batchRows = batchRows;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (exhausted) {
            return false;
        }
        root.allocateNew();
        final List<FieldVector> vectors = root.getFieldVectors();
        int count = 0;
        try {
            while (count < batchRows) {
                if (cancelled.get()) {
                    throw new SqlException(ErrorCode.CANCELLED, "Query cancelled", 0, 0, null);
                }
                if (!rows.moveNext()) {
                    exhausted = true;
                    break;
                }
                final Object current = rows.current();
                if (current instanceof Object[] values) {
                    for (int i = 0; i < vectors.size(); i++) {
                        set(vectors.get(i), count, values[i]);
                    }
                } else {
                    set(vectors.get(0), count, current);
                }
                count++;
            }
        } catch (SqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SqlException(ErrorCode.SQL_DATA, "Query failed while running: " + e.getMessage(), 0, 0, e);
        }
        root.setRowCount(count);
        return count > 0 || !exhausted;
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
            root.close();
        }
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        if (vector instanceof BitVector v) {
            v.setSafe(row, (Boolean) value ? 1 : 0);
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(row, ((Number) value).byteValue());
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(row, ((Number) value).shortValue());
        } else if (vector instanceof IntVector v) {
            v.setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(row, ((Number) value).floatValue());
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, ((Number) value).doubleValue());
        } else if (vector instanceof DecimalVector v) {
            final BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            v.setSafe(row, decimal.setScale(v.getScale(), RoundingMode.HALF_UP));
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof TimeMicroVector v) {
            v.setSafe(row, ((Number) value).longValue() * 1000);
        } else if (vector instanceof TimeStampMilliVector v) {
            v.setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof TimeStampMicroVector v) {
            v.setSafe(row, ((Number) value).longValue() * 1000);
        } else if (vector instanceof TimeStampMicroTZVector v) {
            v.setSafe(row, ((Number) value).longValue() * 1000);
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(row, value instanceof ByteString b ? b.getBytes() : (byte[]) value);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalStateException("No Arrow writer for " + vector.getField());
        }
    }
}
