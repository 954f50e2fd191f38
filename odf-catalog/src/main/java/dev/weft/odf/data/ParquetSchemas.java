package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Mapping between Arrow schemas and Parquet schemas, following arrow-rs (the writer of kamu's slices), and the
 * {@code ARROW:schema} key-value encoding: base64 of an Arrow IPC schema message with continuation marker.
 */
final class ParquetSchemas {
    /** Footer key under which Arrow writers keep the exact Arrow schema. */
    static final String ARROW_SCHEMA_KEY = "ARROW:schema";
    /** Name of the repeated group inside a LIST, and of its element field, as arrow-rs writes them. */
    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";

    private ParquetSchemas() {}

    static String encodeArrowSchema(Schema schema) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.INTERNAL, "Cannot serialize Arrow schema: " + e.getMessage(), e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static Schema decodeArrowSchema(String base64, String file) {
        try {
            final byte[] bytes = Base64.getDecoder().decode(base64);
            return MessageSerializer.deserializeSchema(
                    new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException e) {
            throw new WeftException(ErrorCode.INVALID_DATA,
                    "Cannot read the " + ARROW_SCHEMA_KEY + " metadata of " + file + ": " + e.getMessage(), e);
        }
    }

    static MessageType toParquet(Schema schema) {
        final List<Type> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(toParquet(field, field.getName()));
        }
        return new MessageType("arrow_schema", fields);
    }

    private static Type toParquet(Field field, String path) {
        final Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        final String name = field.getName();
        final ArrowType type = field.getType();
        if (field.getDictionary() != null) {
            throw unsupported(path, field);
        }
        return switch (type.getTypeID()) {
            case Int -> {
                final ArrowType.Int t = (ArrowType.Int) type;
                if (t.getBitWidth() == 64) {
                    yield t.getIsSigned() ? Types.primitive(PrimitiveTypeName.INT64, repetition).named(name)
                            : Types.primitive(PrimitiveTypeName.INT64, repetition)
                                    .as(LogicalTypeAnnotation.intType(64, false)).named(name);
                }
                yield t.getBitWidth() == 32 && t.getIsSigned()
                        ? Types.primitive(PrimitiveTypeName.INT32, repetition).named(name)
                        : Types.primitive(PrimitiveTypeName.INT32, repetition)
                                .as(LogicalTypeAnnotation.intType(t.getBitWidth(), t.getIsSigned())).named(name);
            }
            case FloatingPoint -> switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                case HALF -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(2)
                        .as(LogicalTypeAnnotation.float16Type()).named(name);
                case SINGLE -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            };
            case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case Utf8, LargeUtf8, Utf8View -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case Binary, LargeBinary, BinaryView -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case FixedSizeBinary -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(((ArrowType.FixedSizeBinary) type).getByteWidth()).named(name);
            case Date -> ((ArrowType.Date) type).getUnit() == DateUnit.DAY
                    ? Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
                            .named(name)
                    // Like arrow-rs: milliseconds kept as plain INT64, restored to Date64 from ARROW:schema.
                    : Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case Time -> {
                final ArrowType.Time t = (ArrowType.Time) type;
                yield switch (t.getUnit()) {
                    case SECOND -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
                    case MILLISECOND -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MILLIS)).named(name);
                    case MICROSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
                    case NANOSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.NANOS)).named(name);
                };
            }
            case Timestamp -> {
                final ArrowType.Timestamp t = (ArrowType.Timestamp) type;
                final boolean utc = t.getTimezone() != null;
                yield switch (t.getUnit()) {
                    // Parquet has no seconds unit: the raw seconds are stored, ARROW:schema tells the unit.
                    case SECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
                    case MILLISECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timestampType(utc, TimeUnit.MILLIS)).named(name);
                    case MICROSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timestampType(utc, TimeUnit.MICROS)).named(name);
                    case NANOSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timestampType(utc, TimeUnit.NANOS)).named(name);
                };
            }
            case Decimal -> {
                // As arrow-rs and the Parquet spec choose: the smallest physical type that holds the precision.
                final ArrowType.Decimal t = (ArrowType.Decimal) type;
                final int precision = t.getPrecision();
                final LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(t.getScale(), precision);
                if (precision > 1 && precision <= 9) {
                    yield Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(name);
                }
                if (precision <= 18) {
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(name);
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(decimalBytes(precision)).as(decimal).named(name);
            }
            case List -> {
                final Field item = field.getChildren().get(0);
                yield Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup()
                                .addField(toParquet(item.getName().equals(LIST_ELEMENT) ? item
                                        : new Field(LIST_ELEMENT, item.getFieldType(), item.getChildren()),
                                        path + "." + LIST_ELEMENT))
                                .named(LIST_GROUP))
                        .named(name);
            }
            case Struct -> {
                final Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
                for (Field child : field.getChildren()) {
                    group.addField(toParquet(child, path + "." + child.getName()));
                }
                yield group.named(name);
            }
            default -> throw unsupported(path, field);
        };
    }

    /** The fewest bytes whose two's complement holds every value of {@code precision} decimal digits. */
    static int decimalBytes(int precision) {
        final BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return largest.bitLength() / 8 + 1;
    }

    /** The Arrow schema a Parquet file without {@code ARROW:schema} reads as, matching arrow-rs's inference. */
    static Schema toArrow(MessageType schema, String file) {
        final List<Field> fields = new ArrayList<>();
        for (Type type : schema.getFields()) {
            fields.add(toArrow(type, file));
        }
        return new Schema(fields);
    }

    private static Field toArrow(Type type, String file) {
        final boolean nullable = type.getRepetition() != Type.Repetition.REQUIRED;
        if (type.getRepetition() == Type.Repetition.REPEATED) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot read column '" + type.getName() + "' of " + file
                    + ": repeated fields outside a LIST group are not supported");
        }
        if (!type.isPrimitive()) {
            final GroupType group = type.asGroupType();
            if (group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                final Type element = listElement(group, file);
                return new Field(type.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null),
                        List.of(toArrow(element, file)));
            }
            final List<Field> children = new ArrayList<>();
            for (Type child : group.getFields()) {
                children.add(toArrow(child, file));
            }
            return new Field(type.getName(), new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
        }
        return new Field(type.getName(), new FieldType(nullable, primitiveToArrow(type.asPrimitiveType(), file),
                null), null);
    }

    /** The element of a three-level LIST group. */
    static Type listElement(GroupType list, String file) {
        if (list.getFieldCount() == 1 && !list.getType(0).isPrimitive()
                && list.getType(0).isRepetition(Type.Repetition.REPEATED)
                && list.getType(0).asGroupType().getFieldCount() == 1) {
            return list.getType(0).asGroupType().getType(0);
        }
        throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot read list column '" + list.getName() + "' of " + file
                + ": only the standard three-level LIST layout is supported");
    }

    private static ArrowType primitiveToArrow(PrimitiveType type, String file) {
        final LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return new ArrowType.Decimal(d.getPrecision(), d.getScale(), d.getPrecision() > 38 ? 256 : 128);
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT32 -> {
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                    yield new ArrowType.Int(i.getBitWidth(), i.isSigned());
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield new ArrowType.Date(DateUnit.DAY);
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    yield new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32);
                }
                yield new ArrowType.Int(32, true);
            }
            case INT64 -> {
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                    yield new ArrowType.Int(64, i.isSigned());
                }
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    // arrow-rs (57) names the zone of UTC-adjusted timestamps "UTC".
                    yield new ArrowType.Timestamp(arrowUnit(t.getUnit()), t.isAdjustedToUTC() ? "UTC" : null);
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
                    yield new ArrowType.Time(arrowUnit(t.getUnit()), 64);
                }
                yield new ArrowType.Int(64, true);
            }
            case INT96 -> new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                    ? ArrowType.Utf8.INSTANCE : ArrowType.Binary.INSTANCE;
            case FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation
                    ? new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)
                    : new ArrowType.FixedSizeBinary(type.getTypeLength());
        };
    }

    private static org.apache.arrow.vector.types.TimeUnit arrowUnit(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
            case MICROS -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
            case NANOS -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
        };
    }

    private static WeftException unsupported(String column, Field field) {
        return new WeftException(ErrorCode.UNSUPPORTED,
                "Cannot write column '" + column + "' to Parquet: type " + field.getType() + " is not supported");
    }
}
