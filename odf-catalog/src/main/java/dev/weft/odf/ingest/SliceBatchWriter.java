package dev.weft.odf.ingest;

import dev.weft.odf.data.SliceFile;
import dev.weft.odf.data.SliceWriter;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes changelog records one at a time into a data slice, assigning consecutive offsets and the commit's system
 * time, in Arrow batches of bounded size. Owns its Arrow memory; not thread-safe.
 */
final class SliceBatchWriter implements AutoCloseable {
    private static final int BATCH_ROWS = 8192;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final List<IngestColumn> columns;
    private final long systemTime;
    private final BufferAllocator allocator = new RootAllocator();
    private final VectorSchemaRoot batch;
    private final SliceWriter writer;
    private final List<FieldVector> vectors;
    private long nextOffset;
    private long written;
    private long maxEventTime = Long.MIN_VALUE;
    private int filled;

    SliceBatchWriter(OutputStream out, String name, Schema schema, List<IngestColumn> columns, long firstOffset,
            long systemTime, SliceWriter.StreamHash physicalHash) {
        this.columns = List.copyOf(columns);
        this.systemTime = systemTime;
        this.nextOffset = firstOffset;
        this.batch = VectorSchemaRoot.create(schema, allocator);
        this.vectors = batch.getFieldVectors();
        for (FieldVector vector : vectors) {
            vector.setInitialCapacity(BATCH_ROWS);
        }
        this.writer = SliceWriter.create(out, name, schema, SliceWriter.DEFAULT_ROW_GROUP_BYTES, physicalHash);
    }

    void write(IngestRow row) {
        if (filled == 0) {
            batch.allocateNew();
        }
        ((BigIntVector) vectors.get(0)).setSafe(filled, nextOffset++);
        ((IntVector) vectors.get(1)).setSafe(filled, row.op());
        ((TimeStampMilliTZVector) vectors.get(2)).setSafe(filled, systemTime);
        if (vectors.get(3) instanceof DateDayVector dates) {
            dates.setSafe(filled, (int) Math.floorDiv(row.eventTime(), MILLIS_PER_DAY));
        } else {
            ((TimeStampMilliTZVector) vectors.get(3)).setSafe(filled, row.eventTime());
        }
        for (int c = 0; c < columns.size(); c++) {
            columns.get(c).type().set(vectors.get(4 + c), filled, row.values()[c]);
        }
        maxEventTime = Math.max(maxEventTime, row.eventTime());
        written++;
        if (++filled == BATCH_ROWS) {
            flush();
        }
    }

    long written() {
        return written;
    }

    /** The largest event time written; only meaningful after at least one record. */
    long maxEventTime() {
        return maxEventTime;
    }

    SliceFile finish() {
        flush();
        return writer.finish();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            batch.close();
            allocator.close();
        }
    }

    private void flush() {
        if (filled > 0) {
            batch.setRowCount(filled);
            writer.write(batch);
            sizeTextLike(filled);
            filled = 0;
        }
    }

    /**
     * Sizes the next batch's variable-width buffers for the average value of this one: vectors that start too small
     * are reallocated and copied as they fill, twice or more per batch at Arrow's default of 8 bytes a value.
     */
    private void sizeTextLike(int rows) {
        for (FieldVector vector : vectors) {
            if (vector instanceof BaseVariableWidthVector variable) {
                final double bytesPerValue = (double) variable.getDataBuffer().writerIndex() / rows;
                variable.setInitialCapacity(BATCH_ROWS, Math.max(1.0, bytesPerValue * 1.1));
            }
        }
    }
}
