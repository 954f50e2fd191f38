package dev.weft.odf.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
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
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow batches shared by the data tests; the all-types batch mirrors the one hashed with arrow-digest 57. */
final class ArrowFixtures {
    private ArrowFixtures() {}

    static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    static Field notNull(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), null);
    }

    /** Every column type the slices support, four rows, row 1 null in every column. */
    static Schema allTypesSchema() {
        return new Schema(List.of(
                nullable("i8", new ArrowType.Int(8, true)),
                nullable("i16", new ArrowType.Int(16, true)),
                nullable("i32", new ArrowType.Int(32, true)),
                nullable("i64", new ArrowType.Int(64, true)),
                nullable("u8", new ArrowType.Int(8, false)),
                nullable("u16", new ArrowType.Int(16, false)),
                nullable("u32", new ArrowType.Int(32, false)),
                nullable("u64", new ArrowType.Int(64, false)),
                nullable("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                nullable("bool", ArrowType.Bool.INSTANCE),
                nullable("utf8", ArrowType.Utf8.INSTANCE),
                nullable("large_utf8", ArrowType.LargeUtf8.INSTANCE),
                nullable("utf8_view", ArrowType.Utf8View.INSTANCE),
                nullable("bin", ArrowType.Binary.INSTANCE),
                nullable("large_bin", ArrowType.LargeBinary.INSTANCE),
                nullable("bin_view", ArrowType.BinaryView.INSTANCE),
                nullable("fixed_bin", new ArrowType.FixedSizeBinary(3)),
                nullable("date32", new ArrowType.Date(DateUnit.DAY)),
                nullable("date64", new ArrowType.Date(DateUnit.MILLISECOND)),
                nullable("time32_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
                nullable("time64_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                nullable("ts_s", new ArrowType.Timestamp(TimeUnit.SECOND, null)),
                nullable("ts_ms_utc", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
                nullable("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                nullable("ts_ns_tz", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Kyiv")),
                nullable("dec", new ArrowType.Decimal(10, 2, 128)),
                new Field("list_i32", FieldType.nullable(ArrowType.List.INSTANCE),
                        List.of(nullable("item", new ArrowType.Int(32, true))))));
    }

    /** Values of the all-types batch by column, one entry per row; {@code null} is a null cell. */
    static final Map<String, Object[]> ALL_TYPES_VALUES = Map.ofEntries(
            Map.entry("i8", new Object[] {-1L, null, 7L, 127L}),
            Map.entry("i16", new Object[] {-300L, null, 7L, -32768L}),
            Map.entry("i32", new Object[] {-70000L, null, 7L, (long) Integer.MAX_VALUE}),
            Map.entry("i64", new Object[] {-5_000_000_000L, null, 7L, Long.MIN_VALUE}),
            Map.entry("u8", new Object[] {255L, null, 0L, 1L}),
            Map.entry("u16", new Object[] {65535L, null, 0L, 1L}),
            Map.entry("u32", new Object[] {4_000_000_000L, null, 0L, 1L}),
            Map.entry("u64", new Object[] {-1L, null, 0L, 1L}),
            Map.entry("f32", new Object[] {1.5, null, -0.0, Double.NaN}),
            Map.entry("f64", new Object[] {1.5, null, -2.25, Double.POSITIVE_INFINITY}),
            Map.entry("bool", new Object[] {true, null, false, true}),
            Map.entry("utf8", strings()),
            Map.entry("large_utf8", strings()),
            Map.entry("utf8_view", strings()),
            Map.entry("bin", binaries()),
            Map.entry("large_bin", binaries()),
            Map.entry("bin_view", binaries()),
            Map.entry("fixed_bin", new Object[] {bytes("abc"), null, bytes("def"), new byte[3]}),
            Map.entry("date32", new Object[] {19000L, null, -1L, 0L}),
            Map.entry("date64", new Object[] {1_641_600_000_000L, null, -86_400_000L, 0L}),
            Map.entry("time32_ms", new Object[] {1000L, null, 0L, 86_399_999L}),
            Map.entry("time64_us", new Object[] {1_000_000L, null, 0L, 86_399_999_999L}),
            Map.entry("ts_s", new Object[] {1_700_000_000L, null, 0L, -1L}),
            Map.entry("ts_ms_utc", new Object[] {1_700_000_000_123L, null, 0L, -1L}),
            Map.entry("ts_us", new Object[] {1_700_000_000_123_456L, null, 0L, -1L}),
            Map.entry("ts_ns_tz", new Object[] {1_700_000_000_123_456_789L, null, 0L, -1L}),
            Map.entry("dec", new Object[] {new BigDecimal("123.45"), null, new BigDecimal("-0.01"),
                new BigDecimal("99999999.99")}),
            Map.entry("list_i32", new Object[] {new Integer[] {1, null, 3}, null, new Integer[0], new Integer[] {4}}));

    static VectorSchemaRoot allTypes(BufferAllocator allocator) {
        final Schema schema = allTypesSchema();
        final VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        for (Field field : schema.getFields()) {
            fill(root.getVector(field.getName()), ALL_TYPES_VALUES.get(field.getName()));
        }
        root.setRowCount(4);
        return root;
    }

    /** Sets the cells of a vector of any type used in {@link #ALL_TYPES_VALUES}. */
    static void fill(FieldVector vector, Object[] values) {
        if (vector instanceof ListVector list) {
            final UnionListWriter writer = list.getWriter();
            for (int i = 0; i < values.length; i++) {
                writer.setPosition(i);
                if (values[i] == null) {
                    writer.writeNull();
                    continue;
                }
                writer.startList();
                for (Integer item : (Integer[]) values[i]) {
                    if (item == null) {
                        writer.integer().writeNull();
                    } else {
                        writer.integer().writeInt(item);
                    }
                }
                writer.endList();
            }
            writer.setValueCount(values.length);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            final Object value = values[i];
            if (value == null) {
                setNull(vector, i);
            } else {
                set(vector, i, value);
            }
        }
        vector.setValueCount(values.length);
    }

    private static void setNull(FieldVector vector, int i) {
        if (vector instanceof BaseFixedWidthVector fixed) {
            fixed.setNull(i);
        } else if (vector instanceof VariableWidthFieldVector variable) {
            variable.setNull(i);
        } else {
            throw new IllegalArgumentException(vector.getClass().getName());
        }
    }

    private static void set(FieldVector vector, int i, Object value) {
        if (vector instanceof TinyIntVector v) {
            v.setSafe(i, (byte) (long) (Long) value);
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(i, (short) (long) (Long) value);
        } else if (vector instanceof IntVector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(i, (Long) value);
        } else if (vector instanceof UInt1Vector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof UInt2Vector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof UInt4Vector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof UInt8Vector v) {
            v.setSafe(i, (Long) value);
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(i, (float) (double) (Double) value);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(i, (Double) value);
        } else if (vector instanceof BitVector v) {
            v.setSafe(i, (Boolean) value ? 1 : 0);
        } else if (vector instanceof FixedSizeBinaryVector v) {
            v.setSafe(i, (byte[]) value);
        } else if (vector instanceof VariableWidthFieldVector v) {
            v.setSafe(i, value instanceof String s ? bytes(s) : (byte[]) value);
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof DateMilliVector v) {
            v.setSafe(i, (Long) value);
        } else if (vector instanceof TimeMilliVector v) {
            v.setSafe(i, (int) (long) (Long) value);
        } else if (vector instanceof TimeMicroVector v) {
            v.setSafe(i, (Long) value);
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(i, (Long) value);
        } else if (vector instanceof DecimalVector v) {
            v.setSafe(i, (BigDecimal) value);
        } else if (vector instanceof Decimal256Vector v) {
            v.setSafe(i, (BigDecimal) value);
        } else {
            throw new IllegalArgumentException(vector.getClass().getName());
        }
    }

    /** {@code id} Int64 and a nullable struct {@code st {x Int32, y Utf8}}; struct rows 1 and 3 null when asked. */
    static VectorSchemaRoot structBatch(BufferAllocator allocator, boolean structNulls) {
        final Schema schema = new Schema(List.of(
                notNull("id", new ArrowType.Int(64, true)),
                new Field("st", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                        nullable("x", new ArrowType.Int(32, true)), nullable("y", ArrowType.Utf8.INSTANCE)))));
        final VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        fill(root.getVector("id"), new Object[] {10L, 20L, 30L, 40L});
        final StructVector st = (StructVector) root.getVector("st");
        fill(st.getChild("x"), new Object[] {1L, 2L, 3L, 4L});
        fill(st.getChild("y"), new Object[] {"p", "q", null, "s"});
        for (int i = 0; i < 4; i++) {
            if (structNulls && i % 2 == 1) {
                st.setNull(i);
            } else {
                st.setIndexDefined(i);
            }
        }
        root.setRowCount(4);
        return root;
    }

    private static Object[] strings() {
        return new Object[] {"héllo", null, "", "a longer string than twelve"};
    }

    private static Object[] binaries() {
        return new Object[] {new byte[] {0, 1}, null, new byte[0], bytes("xyz")};
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
