package dev.weft.odf.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes Arrow batches to a Snappy-compressed Parquet file one column at a time, straight into parquet-java's column
 * writers: each leaf column of a batch is one loop over its Arrow buffers, with the Dremel repetition and definition
 * levels derived from the vectors' validity and list offsets. parquet-java's row-at-a-time record API, which would
 * otherwise drive the same column writers, took most of an ingest's time in its per-field bookkeeping. A row group
 * is flushed once its buffered size reaches the row-group size.
 *
 * <p>Not thread-safe.
 */
final class ArrowParquetWriter implements AutoCloseable {
    private static final String WRITER_NAME = "weft";

    private final MessageType parquetSchema;
    private final Map<String, String> footerMetadata;
    private final long rowGroupBytes;
    private final ParquetProperties properties;
    private final CodecFactory codecs;
    private final ParquetFileWriter file;
    private final List<Node> columns = new ArrayList<>();
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rowGroupRows;
    private boolean closed;

    ArrowParquetWriter(OutputFile output, Schema schema, long rowGroupBytes) throws IOException {
        this.parquetSchema = ParquetSchemas.toParquet(schema);
        this.footerMetadata = Map.of(ParquetSchemas.ARROW_SCHEMA_KEY, ParquetSchemas.encodeArrowSchema(schema),
                ParquetWriter.OBJECT_MODEL_NAME_PROP, WRITER_NAME);
        this.rowGroupBytes = rowGroupBytes;
        this.properties = ParquetProperties.builder()
                // Offsets are all distinct: a dictionary would only be built to be thrown away.
                .withDictionaryEncoding(SliceSchema.OFFSET.getName(), false)
                .build();
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), properties.getPageSizeThreshold());
        this.file = new ParquetFileWriter(output, parquetSchema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        final Iterator<ColumnDescriptor> leaves = parquetSchema.getColumns().iterator();
        for (Field field : schema.getFields()) {
            columns.add(node(field, leaves, 0, 0));
        }
        file.start();
        openRowGroup();
    }

    /** Appends the rows of a batch whose schema is the writer's. */
    void write(VectorSchemaRoot batch) throws IOException {
        final int rows = batch.getRowCount();
        final List<FieldVector> vectors = batch.getFieldVectors();
        for (int c = 0; c < columns.size(); c++) {
            columns.get(c).writeColumn(vectors.get(c), rows);
        }
        for (int i = 0; i < rows; i++) {
            store.endRecord();
        }
        rowGroupRows += rows;
        if (store.getBufferedSize() >= rowGroupBytes) {
            flushRowGroup();
            openRowGroup();
        }
    }

    /** Writes the last row group and the footer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushRowGroup();
            file.end(footerMetadata);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            release();
        }
    }

    /** Closes the file without completing it (the caller discards it). */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.abort();
        } finally {
            release();
        }
    }

    private void release() {
        closeRowGroup();
        codecs.release();
    }

    private void openRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> codecs.getCompressor(CompressionCodecName.SNAPPY))
                .withSchema(parquetSchema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .build();
        store = properties.newColumnWriteStore(parquetSchema, pages, pages);
        for (Node column : columns) {
            column.bind(store);
        }
        rowGroupRows = 0;
    }

    private void flushRowGroup() throws IOException {
        if (rowGroupRows == 0) {
            return;
        }
        file.startBlock(rowGroupRows);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        closeRowGroup();
    }

    private void closeRowGroup() {
        if (store != null) {
            store.close();
            pages.close();
            store = null;
            pages = null;
        }
    }

    /**
     * The writer of one Arrow field: {@code definition} is the definition level of a present parent, {@code
     * repetition} the repetition level a repeated value of this field's innermost list takes.
     */
    private Node node(Field field, Iterator<ColumnDescriptor> leaves, int definition, int repetition) {
        final int present = field.isNullable() ? definition + 1 : definition;
        return switch (field.getType().getTypeID()) {
            case Struct -> {
                final List<Node> children = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    children.add(node(child, leaves, present, repetition));
                }
                yield new StructNode(field.isNullable(), definition, children);
            }
            case List -> new ListNode(field.isNullable(), definition, repetition + 1,
                    node(field.getChildren().get(0), leaves, present + 1, repetition + 1));
            default -> leaf(field, leaves.next(), definition);
        };
    }

    private static Node leaf(Field field, ColumnDescriptor column, int definition) {
        final boolean nullable = field.isNullable();
        return switch (field.getType().getTypeID()) {
            case Int, Date, Time, Timestamp -> switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> new IntLeaf(column, nullable, definition);
                default -> new LongLeaf(column, nullable, definition);
            };
            case FloatingPoint -> switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                case FLOAT -> new FloatLeaf(column, nullable, definition);
                case DOUBLE -> new DoubleLeaf(column, nullable, definition);
                default -> new FixedBytesLeaf(column, nullable, definition, 2, 2, false);
            };
            case Bool -> new BooleanLeaf(column, nullable, definition);
            case Decimal -> {
                final int stride = ((ArrowType.Decimal) field.getType()).getBitWidth() / 8;
                yield switch (column.getPrimitiveType().getPrimitiveTypeName()) {
                    case INT32, INT64 -> new UnscaledLeaf(column, nullable, definition, stride);
                    default -> new FixedBytesLeaf(column, nullable, definition,
                            column.getPrimitiveType().getTypeLength(), stride, true);
                };
            }
            case FixedSizeBinary -> new FixedBytesLeaf(column, nullable, definition,
                    column.getPrimitiveType().getTypeLength(), column.getPrimitiveType().getTypeLength(), false);
            default -> new BinaryLeaf(column, nullable, definition);
        };
    }

    /** Writes one Arrow field (and everything below it) into its Parquet leaf columns. */
    private abstract static class Node {
        final boolean nullable;
        final int definition;

        Node(boolean nullable, int definition) {
            this.nullable = nullable;
            this.definition = definition;
        }

        abstract void bind(ColumnWriteStore store);

        /** Writes value {@code index} of {@code vector}; {@code repetition} is the level of its first leaf value. */
        abstract void write(FieldVector vector, int index, int repetition);

        /** Writes a null at {@code level} into every leaf below: an ancestor (or this field) is absent there. */
        abstract void writeNull(int repetition, int level);

        /** Writes the first {@code rows} values of a top-level column. */
        void writeColumn(FieldVector vector, int rows) {
            for (int i = 0; i < rows; i++) {
                write(vector, i, 0);
            }
        }

        final boolean isNull(FieldVector vector, int index) {
            return nullable && vector.isNull(index);
        }
    }

    private static final class StructNode extends Node {
        private final List<Node> children;

        StructNode(boolean nullable, int definition, List<Node> children) {
            super(nullable, definition);
            this.children = children;
        }

        @Override
        void bind(ColumnWriteStore store) {
            children.forEach(child -> child.bind(store));
        }

        @Override
        void write(FieldVector vector, int index, int repetition) {
            if (isNull(vector, index)) {
                writeNull(repetition, definition);
                return;
            }
            final List<FieldVector> values = ((StructVector) vector).getChildrenFromFields();
            for (int c = 0; c < children.size(); c++) {
                children.get(c).write(values.get(c), index, repetition);
            }
        }

        @Override
        void writeNull(int repetition, int level) {
            children.forEach(child -> child.writeNull(repetition, level));
        }
    }

    /** A three-level LIST: absent list at {@code definition}, empty list one above, elements below that. */
    private static final class ListNode extends Node {
        private final int elementRepetition;
        private final Node element;

        ListNode(boolean nullable, int definition, int elementRepetition, Node element) {
            super(nullable, definition);
            this.elementRepetition = elementRepetition;
            this.element = element;
        }

        @Override
        void bind(ColumnWriteStore store) {
            element.bind(store);
        }

        @Override
        void write(FieldVector vector, int index, int repetition) {
            if (isNull(vector, index)) {
                element.writeNull(repetition, definition);
                return;
            }
            final ListVector list = (ListVector) vector;
            final int start = list.getElementStartIndex(index);
            final int end = list.getElementEndIndex(index);
            if (start == end) {
                element.writeNull(repetition, nullable ? definition + 1 : definition);
                return;
            }
            final FieldVector items = list.getDataVector();
            element.write(items, start, repetition);
            for (int i = start + 1; i < end; i++) {
                element.write(items, i, elementRepetition);
            }
        }

        @Override
        void writeNull(int repetition, int level) {
            element.writeNull(repetition, level);
        }
    }

    /** A primitive column; subclasses read their values straight from the vector's data buffer. */
    private abstract static class Leaf extends Node {
        private final ColumnDescriptor column;
        ColumnWriter writer;

        Leaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(nullable, definition);
            this.column = column;
        }

        @Override
        final void bind(ColumnWriteStore store) {
            writer = store.getColumnWriter(column);
        }

        @Override
        final void write(FieldVector vector, int index, int repetition) {
            if (isNull(vector, index)) {
                writer.writeNull(repetition, definition);
            } else {
                writeValue(vector, index, repetition, nullable ? definition + 1 : definition);
            }
        }

        @Override
        final void writeNull(int repetition, int level) {
            writer.writeNull(repetition, level);
        }

        @Override
        final void writeColumn(FieldVector vector, int rows) {
            final int present = nullable ? definition + 1 : definition;
            if (!nullable || vector.getNullCount() == 0) {
                writeValues(vector, rows, present);
                return;
            }
            for (int i = 0; i < rows; i++) {
                if (vector.isNull(i)) {
                    writer.writeNull(0, definition);
                } else {
                    writeValue(vector, i, 0, present);
                }
            }
        }

        abstract void writeValue(FieldVector vector, int index, int repetition, int level);

        /** Writes {@code rows} values none of which is null; a loop of its own so each type's loop stays tight. */
        abstract void writeValues(FieldVector vector, int rows, int level);
    }

    /** INT32 columns: 8-, 16- and 32-bit integers (unsigned ones widened), days, times of seconds or milliseconds. */
    private static final class IntLeaf extends Leaf {
        IntLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(intAt(vector, index), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            if (vector instanceof IntVector || vector instanceof DateDayVector || vector instanceof UInt4Vector
                    || vector instanceof TimeSecVector || vector instanceof TimeMilliVector) {
                final ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < rows; i++) {
                    writer.write(data.getInt((long) i * Integer.BYTES), 0, level);
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                writer.write(intAt(vector, i), 0, level);
            }
        }

        private static int intAt(FieldVector vector, int index) {
            if (vector instanceof TinyIntVector v) {
                return v.get(index);
            } else if (vector instanceof SmallIntVector v) {
                return v.get(index);
            } else if (vector instanceof UInt1Vector v) {
                return v.get(index) & 0xFF;
            } else if (vector instanceof UInt2Vector v) {
                return v.get(index);
            }
            return vector.getDataBuffer().getInt((long) index * Integer.BYTES);
        }
    }

    /** INT64 columns: 64-bit integers, timestamps, Date64 and times of micro- or nanoseconds. */
    private static final class LongLeaf extends Leaf {
        LongLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(vector.getDataBuffer().getLong((long) index * Long.BYTES), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final ArrowBuf data = vector.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                writer.write(data.getLong((long) i * Long.BYTES), 0, level);
            }
        }
    }

    private static final class FloatLeaf extends Leaf {
        FloatLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(((Float4Vector) vector).get(index), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final Float4Vector values = (Float4Vector) vector;
            for (int i = 0; i < rows; i++) {
                writer.write(values.get(i), 0, level);
            }
        }
    }

    private static final class DoubleLeaf extends Leaf {
        DoubleLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(((Float8Vector) vector).get(index), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final Float8Vector values = (Float8Vector) vector;
            for (int i = 0; i < rows; i++) {
                writer.write(values.get(i), 0, level);
            }
        }
    }

    private static final class BooleanLeaf extends Leaf {
        BooleanLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(((BitVector) vector).get(index) != 0, repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final BitVector values = (BitVector) vector;
            for (int i = 0; i < rows; i++) {
                writer.write(values.get(i) != 0, 0, level);
            }
        }
    }

    /**
     * BINARY columns (text and binary). Values are copied into one reused buffer: parquet-java copies a reused
     * {@link Binary} wherever it keeps one (dictionary, statistics).
     */
    private static final class BinaryLeaf extends Leaf {
        private byte[] scratch = new byte[256];

        BinaryLeaf(ColumnDescriptor column, boolean nullable, int definition) {
            super(column, nullable, definition);
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(binaryAt(vector, index), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            for (int i = 0; i < rows; i++) {
                writer.write(binaryAt(vector, i), 0, level);
            }
        }

        private Binary binaryAt(FieldVector vector, int index) {
            if (vector instanceof BaseVariableWidthVector v) {
                final ArrowBuf offsets = v.getOffsetBuffer();
                final int start = offsets.getInt((long) index * BaseVariableWidthVector.OFFSET_WIDTH);
                final int length = offsets.getInt((long) (index + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
                if (length > scratch.length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                v.getDataBuffer().getBytes(start, scratch, 0, length);
                return Binary.fromReusedByteArray(scratch, 0, length);
            }
            return Binary.fromConstantByteArray(((VariableWidthFieldVector) vector).get(index));
        }
    }

    /**
     * Decimals whose precision fits INT32 or INT64: the low bytes of Arrow's little-endian two's complement value.
     */
    private static final class UnscaledLeaf extends Leaf {
        private final int stride;
        private final boolean asInt;

        UnscaledLeaf(ColumnDescriptor column, boolean nullable, int definition, int stride) {
            super(column, nullable, definition);
            this.stride = stride;
            this.asInt = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32;
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            write(vector.getDataBuffer().getLong((long) index * stride), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final ArrowBuf data = vector.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                write(data.getLong((long) i * stride), 0, level);
            }
        }

        private void write(long unscaled, int repetition, int level) {
            if (asInt) {
                writer.write((int) unscaled, repetition, level);
            } else {
                writer.write(unscaled, repetition, level);
            }
        }
    }

    /**
     * FIXED_LEN_BYTE_ARRAY columns: fixed-size binary and half floats as Arrow stores them, decimals as the low
     * {@code width} bytes of Arrow's {@code stride}-byte value, reversed into the big-endian two's complement Parquet
     * requires.
     */
    private static final class FixedBytesLeaf extends Leaf {
        private final int width;
        private final int stride;
        private final boolean bigEndian;
        private final byte[] scratch;

        FixedBytesLeaf(ColumnDescriptor column, boolean nullable, int definition, int width, int stride,
                boolean bigEndian) {
            super(column, nullable, definition);
            this.width = width;
            this.stride = stride;
            this.bigEndian = bigEndian;
            this.scratch = new byte[width];
        }

        @Override
        void writeValue(FieldVector vector, int index, int repetition, int level) {
            writer.write(bytesAt(vector.getDataBuffer(), index), repetition, level);
        }

        @Override
        void writeValues(FieldVector vector, int rows, int level) {
            final ArrowBuf data = vector.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                writer.write(bytesAt(data, i), 0, level);
            }
        }

        private Binary bytesAt(ArrowBuf data, int index) {
            final long start = (long) index * stride;
            if (bigEndian) {
                for (int i = 0; i < width; i++) {
                    scratch[i] = data.getByte(start + width - 1 - i);
                }
            } else {
                data.getBytes(start, scratch, 0, width);
            }
            return Binary.fromReusedByteArray(scratch, 0, width);
        }
    }
}
