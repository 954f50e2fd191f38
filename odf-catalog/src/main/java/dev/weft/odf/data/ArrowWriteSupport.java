package dev.weft.odf.data;

import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Feeds rows of the current Arrow batch to parquet-java's record consumer; a record is a row index. */
final class ArrowWriteSupport extends WriteSupport<Integer> {
    private final Schema schema;
    private final MessageType parquetSchema;
    private RecordConsumer consumer;
    private VectorSchemaRoot batch;

    ArrowWriteSupport(Schema schema) {
        this.schema = schema;
        this.parquetSchema = ParquetSchemas.toParquet(schema);
    }

    void setBatch(VectorSchemaRoot batch) {
        this.batch = batch;
    }

    // Still abstract in parquet-java 1.18 although deprecated; the ParquetConfiguration overload is the one used.
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(parquetSchema,
                Map.of(ParquetSchemas.ARROW_SCHEMA_KEY, ParquetSchemas.encodeArrowSchema(schema)));
    }

    @Override
    public String getName() {
        return "weft";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
        consumer.startMessage();
        writeFields(batch.getFieldVectors(), row);
        consumer.endMessage();
    }

    private void writeFields(List<FieldVector> vectors, int row) {
        for (int i = 0; i < vectors.size(); i++) {
            final FieldVector vector = vectors.get(i);
            if (!vector.isNull(row)) {
                final String name = vector.getName();
                consumer.startField(name, i);
                writeValue(vector, row);
                consumer.endField(name, i);
            }
        }
    }

    private void writeValue(FieldVector vector, int row) {
        if (vector instanceof StructVector struct) {
            consumer.startGroup();
            writeFields(struct.getChildrenFromFields(), row);
            consumer.endGroup();
        } else if (vector instanceof ListVector list) {
            writeList(list, row);
        } else if (vector instanceof TinyIntVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof SmallIntVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof IntVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof BigIntVector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof UInt1Vector v) {
            consumer.addInteger(v.get(row) & 0xFF);
        } else if (vector instanceof UInt2Vector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof UInt4Vector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof UInt8Vector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof Float2Vector v) {
            final short bits = v.get(row);
            consumer.addBinary(Binary.fromConstantByteArray(new byte[] {(byte) bits, (byte) (bits >>> 8)}));
        } else if (vector instanceof Float4Vector v) {
            consumer.addFloat(v.get(row));
        } else if (vector instanceof Float8Vector v) {
            consumer.addDouble(v.get(row));
        } else if (vector instanceof BitVector v) {
            consumer.addBoolean(v.get(row) != 0);
        } else if (vector instanceof FixedSizeBinaryVector v) {
            consumer.addBinary(Binary.fromConstantByteArray(v.get(row)));
        } else if (vector instanceof VariableWidthFieldVector v) {
            consumer.addBinary(Binary.fromConstantByteArray(v.get(row)));
        } else if (vector instanceof DateDayVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof DateMilliVector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof TimeSecVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof TimeMilliVector v) {
            consumer.addInteger(v.get(row));
        } else if (vector instanceof TimeMicroVector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof TimeNanoVector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof TimeStampVector v) {
            consumer.addLong(v.get(row));
        } else if (vector instanceof DecimalVector v) {
            consumer.addBinary(Binary.fromConstantByteArray(bigEndian(v.getDataBuffer(), row, 16)));
        } else if (vector instanceof Decimal256Vector v) {
            consumer.addBinary(Binary.fromConstantByteArray(bigEndian(v.getDataBuffer(), row, 32)));
        } else {
            throw new IllegalStateException("no Parquet writer for " + vector.getField());
        }
    }

    private void writeList(ListVector list, int row) {
        final FieldVector items = list.getDataVector();
        final int start = list.getElementStartIndex(row);
        final int end = list.getElementEndIndex(row);
        consumer.startGroup();
        if (end > start) {
            consumer.startField(ParquetSchemas.LIST_GROUP, 0);
            for (int i = start; i < end; i++) {
                consumer.startGroup();
                if (!items.isNull(i)) {
                    consumer.startField(ParquetSchemas.LIST_ELEMENT, 0);
                    writeValue(items, i);
                    consumer.endField(ParquetSchemas.LIST_ELEMENT, 0);
                }
                consumer.endGroup();
            }
            consumer.endField(ParquetSchemas.LIST_GROUP, 0);
        }
        consumer.endGroup();
    }

    /**
     * The two's complement value of row {@code row}, big-endian as Parquet's FIXED_LEN_BYTE_ARRAY decimal stores it:
     * Arrow keeps the same {@code width} bytes little-endian, so they are read in reverse (no BigInteger on the way).
     */
    private static byte[] bigEndian(ArrowBuf data, int row, int width) {
        final byte[] out = new byte[width];
        final long start = (long) row * width;
        for (int i = 0; i < width; i++) {
            out[i] = data.getByte(start + width - 1 - i);
        }
        return out;
    }
}
