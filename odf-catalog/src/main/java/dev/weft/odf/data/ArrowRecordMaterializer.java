package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.IntSupplier;
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
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/** Materializes Parquet records straight into the vectors of an Arrow batch, one row slot per record. */
final class ArrowRecordMaterializer extends RecordMaterializer<Object> {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final GroupConverter root;
    private int row;

    ArrowRecordMaterializer(VectorSchemaRoot batch, MessageType schema, String file) {
        this.root = new Group(batch.getFieldVectors(), schema, () -> row, file, null);
    }

    /** Directs the next record to this row of the batch. */
    void setRow(int row) {
        this.row = row;
    }

    @Override
    public Object getCurrentRecord() {
        return Boolean.TRUE;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private static Converter converter(FieldVector vector, Type type, IntSupplier slot, String file) {
        if (vector instanceof StructVector struct) {
            if (type.isPrimitive()) {
                throw mismatch(vector, type, file);
            }
            return new Group(struct.getChildrenFromFields(), type.asGroupType(), slot, file, struct);
        }
        if (vector instanceof ListVector list) {
            if (type.isPrimitive()) {
                throw mismatch(vector, type, file);
            }
            return new ListGroup(list, type.asGroupType(), slot, file);
        }
        if (!type.isPrimitive()) {
            throw mismatch(vector, type, file);
        }
        return new Value(vector, type.asPrimitiveType(), slot);
    }

    /**
     * Factor from the Parquet column's time unit to the Arrow vector's: positive multiplies, negative divides. arrow-rs
     * stores second-unit timestamps and times as milliseconds and restores the unit from {@code ARROW:schema}.
     */
    private static long unitFactor(FieldVector vector, PrimitiveType type) {
        final ArrowType arrow = vector.getField().getType();
        final org.apache.arrow.vector.types.TimeUnit arrowUnit;
        if (arrow instanceof ArrowType.Timestamp t) {
            arrowUnit = t.getUnit();
        } else if (arrow instanceof ArrowType.Time t) {
            arrowUnit = t.getUnit();
        } else {
            return 1;
        }
        final LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        final long parquetPerSecond;
        if (type.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            parquetPerSecond = 1_000_000_000L;
        } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            parquetPerSecond = perSecond(t.getUnit());
        } else if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
            parquetPerSecond = perSecond(t.getUnit());
        } else {
            return 1;
        }
        final long arrowPerSecond = switch (arrowUnit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
        return arrowPerSecond >= parquetPerSecond ? arrowPerSecond / parquetPerSecond
                : -(parquetPerSecond / arrowPerSecond);
    }

    private static long perSecond(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 1_000L;
            case MICROS -> 1_000_000L;
            case NANOS -> 1_000_000_000L;
        };
    }

    private static long scale(long value, long factor) {
        return factor > 0 ? value * factor : Math.floorDiv(value, -factor);
    }

    private static WeftException mismatch(FieldVector vector, Type type, String file) {
        return new WeftException(ErrorCode.INVALID_DATA, "Cannot read column '" + vector.getName() + "' of " + file
                + ": Arrow type " + vector.getField().getType() + " does not match Parquet type " + type);
    }

    /** A struct (or the record itself when {@code struct} is null): marks its slot defined, fields fill theirs. */
    private static final class Group extends GroupConverter {
        private final Converter[] fields;
        private final StructVector struct;
        private final IntSupplier slot;

        Group(List<FieldVector> vectors, GroupType type, IntSupplier slot, String file, StructVector struct) {
            if (vectors.size() != type.getFieldCount()) {
                throw new WeftException(ErrorCode.INVALID_DATA, "Cannot read " + file + ": the Arrow schema has "
                        + vectors.size() + " fields where the Parquet schema has " + type.getFieldCount());
            }
            this.struct = struct;
            this.slot = slot;
            this.fields = new Converter[vectors.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = converter(vectors.get(i), type.getType(i), slot, file);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            if (struct != null) {
                struct.setIndexDefined(slot.getAsInt());
            }
        }

        @Override
        public void end() {
            // Fields have written their own slots.
        }
    }

    /** A three-level LIST group: each repeated entry is one element, written after the list's current end. */
    private static final class ListGroup extends GroupConverter {
        private final ListVector list;
        private final IntSupplier slot;
        private final GroupConverter entries;
        private int base;
        private int count;

        ListGroup(ListVector list, GroupType type, IntSupplier slot, String file) {
            this.list = list;
            this.slot = slot;
            final Type element = ParquetSchemas.listElement(type, file);
            final Converter elementConverter = converter(list.getDataVector(), element, () -> base + count, file);
            this.entries = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return elementConverter;
                }

                @Override
                public void start() {
                    // The element converter writes at base + count.
                }

                @Override
                public void end() {
                    count++;
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return entries;
        }

        @Override
        public void start() {
            base = list.startNewValue(slot.getAsInt());
            count = 0;
        }

        @Override
        public void end() {
            list.endValue(slot.getAsInt(), count);
        }
    }

    /** One primitive column: converts Parquet's physical value to the vector's Arrow type. */
    private static final class Value extends PrimitiveConverter {
        private final FieldVector vector;
        private final PrimitiveTypeName physical;
        private final IntSupplier slot;
        private final long unitFactor;

        Value(FieldVector vector, PrimitiveType type, IntSupplier slot) {
            this.vector = vector;
            this.physical = type.getPrimitiveTypeName();
            this.slot = slot;
            this.unitFactor = unitFactor(vector, type);
        }

        @Override
        public void addBoolean(boolean value) {
            if (vector instanceof BitVector v) {
                v.setSafe(slot.getAsInt(), value ? 1 : 0);
            } else {
                throw unexpected("BOOLEAN");
            }
        }

        @Override
        public void addInt(int value) {
            final int i = slot.getAsInt();
            if (vector instanceof IntVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof TinyIntVector v) {
                v.setSafe(i, (byte) value);
            } else if (vector instanceof SmallIntVector v) {
                v.setSafe(i, (short) value);
            } else if (vector instanceof UInt1Vector v) {
                v.setSafe(i, value);
            } else if (vector instanceof UInt2Vector v) {
                v.setSafe(i, value);
            } else if (vector instanceof UInt4Vector v) {
                v.setSafe(i, value);
            } else if (vector instanceof BigIntVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof DateDayVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof TimeSecVector v) {
                v.setSafe(i, (int) scale(value, unitFactor));
            } else if (vector instanceof TimeMilliVector v) {
                v.setSafe(i, (int) scale(value, unitFactor));
            } else if (vector instanceof DecimalVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof Decimal256Vector v) {
                v.setSafe(i, value);
            } else {
                throw unexpected("INT32");
            }
        }

        @Override
        public void addLong(long value) {
            final int i = slot.getAsInt();
            if (vector instanceof BigIntVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof UInt8Vector v) {
                v.setSafe(i, value);
            } else if (vector instanceof TimeStampVector v) {
                v.setSafe(i, scale(value, unitFactor));
            } else if (vector instanceof DateMilliVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof TimeMicroVector v) {
                v.setSafe(i, scale(value, unitFactor));
            } else if (vector instanceof TimeNanoVector v) {
                v.setSafe(i, scale(value, unitFactor));
            } else if (vector instanceof DecimalVector v) {
                v.setSafe(i, value);
            } else if (vector instanceof Decimal256Vector v) {
                v.setSafe(i, value);
            } else {
                throw unexpected("INT64");
            }
        }

        @Override
        public void addFloat(float value) {
            if (vector instanceof Float4Vector v) {
                v.setSafe(slot.getAsInt(), value);
            } else {
                throw unexpected("FLOAT");
            }
        }

        @Override
        public void addDouble(double value) {
            if (vector instanceof Float8Vector v) {
                v.setSafe(slot.getAsInt(), value);
            } else {
                throw unexpected("DOUBLE");
            }
        }

        @Override
        public void addBinary(Binary value) {
            final int i = slot.getAsInt();
            if (physical == PrimitiveTypeName.INT96) {
                if (!(vector instanceof TimeStampVector v)) {
                    throw unexpected("INT96");
                }
                // INT96 timestamps: nanoseconds of the day, then the Julian day, both little-endian.
                final ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                final long nanosOfDay = bytes.getLong();
                final long julianDay = Integer.toUnsignedLong(bytes.getInt());
                v.setSafe(i, scale((julianDay - JULIAN_DAY_OF_EPOCH) * NANOS_PER_DAY + nanosOfDay, unitFactor));
            } else if (vector instanceof VariableWidthFieldVector v) {
                v.setSafe(i, value.getBytes());
            } else if (vector instanceof FixedSizeBinaryVector v) {
                v.setSafe(i, value.getBytes());
            } else if (vector instanceof DecimalVector v) {
                v.setSafe(i, new BigDecimal(new BigInteger(value.getBytes()), v.getScale()));
            } else if (vector instanceof Decimal256Vector v) {
                v.setSafe(i, new BigDecimal(new BigInteger(value.getBytes()), v.getScale()));
            } else if (vector instanceof Float2Vector v) {
                final byte[] b = value.getBytes();
                v.setSafe(i, (short) ((b[0] & 0xFF) | (b[1] << 8)));
            } else {
                throw unexpected(physical.name());
            }
        }

        private WeftException unexpected(String parquetType) {
            final ArrowType type = vector.getField().getType();
            return new WeftException(ErrorCode.UNSUPPORTED, "Cannot read column '" + vector.getName()
                    + "': Parquet " + parquetType + " values cannot be read as Arrow " + type);
        }
    }
}
