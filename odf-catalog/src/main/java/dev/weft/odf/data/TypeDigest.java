package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Sha3;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The data-type prefix of an arrow-digest column hash (type id as u16, then the type's parameters), and the width in
 * bytes of each fixed-size value.
 */
final class TypeDigest {
    private static final int INT = 1;
    private static final int FLOATING_POINT = 2;
    private static final int BINARY = 3;
    private static final int UTF8 = 4;
    private static final int BOOL = 5;
    private static final int DECIMAL = 6;
    private static final int DATE = 7;
    private static final int TIME = 8;
    private static final int TIMESTAMP = 9;
    private static final int LIST = 11;

    private TypeDigest() {}

    /**
     * Feeds the type of a leaf column into its digest.
     *
     * @param column dotted path of the column, for messages
     * @throws WeftException with {@link ErrorCode#UNSUPPORTED} when arrow-digest defines no hash for the type
     */
    static void hash(String column, Field field, Sha3 digest) {
        if (field.getDictionary() != null) {
            throw unsupported(column, field);
        }
        final ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Int -> {
                final ArrowType.Int t = (ArrowType.Int) type;
                u16(digest, INT);
                digest.update((byte) (t.getIsSigned() ? 1 : 0));
                u64(digest, t.getBitWidth());
            }
            case FloatingPoint -> {
                u16(digest, FLOATING_POINT);
                u64(digest, 8L * fixedWidth(column, field));
            }
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> u16(digest, BINARY);
            case Utf8, LargeUtf8, Utf8View -> u16(digest, UTF8);
            case Bool -> u16(digest, BOOL);
            case Decimal -> {
                final ArrowType.Decimal t = (ArrowType.Decimal) type;
                if (t.getBitWidth() != 128 && t.getBitWidth() != 256) {
                    throw unsupported(column, field);
                }
                u16(digest, DECIMAL);
                u64(digest, t.getBitWidth());
                u64(digest, t.getPrecision());
                u64(digest, t.getScale());
            }
            case Date -> {
                final boolean days = ((ArrowType.Date) type).getUnit() == DateUnit.DAY;
                u16(digest, DATE);
                u64(digest, days ? 32 : 64);
                u16(digest, days ? 0 : 1);
            }
            case Time -> {
                final ArrowType.Time t = (ArrowType.Time) type;
                u16(digest, TIME);
                u64(digest, t.getBitWidth());
                u16(digest, timeUnitId(t.getUnit()));
            }
            case Timestamp -> {
                final ArrowType.Timestamp t = (ArrowType.Timestamp) type;
                u16(digest, TIMESTAMP);
                u16(digest, timeUnitId(t.getUnit()));
                if (t.getTimezone() == null) {
                    digest.update((byte) 0);
                } else {
                    final byte[] tz = t.getTimezone().getBytes(StandardCharsets.UTF_8);
                    u64(digest, tz.length);
                    digest.update(tz, 0, tz.length);
                }
            }
            case List, LargeList, FixedSizeList -> {
                u16(digest, LIST);
                final Field item = field.getChildren().get(0);
                // arrow-digest hashes list items with the array hasher, which cannot hash structs.
                if (item.getType().getTypeID() == ArrowType.ArrowTypeID.Struct) {
                    throw unsupported(column, field);
                }
                hash(column, item, digest);
            }
            default -> throw unsupported(column, field);
        }
    }

    /** Bytes per value of a fixed-width type hashed from its value buffer, or -1 for other types. */
    static int fixedWidth(String column, Field field) {
        final ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Int -> ((ArrowType.Int) type).getBitWidth() / 8;
            case FloatingPoint -> switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                case HALF -> 2;
                case SINGLE -> 4;
                case DOUBLE -> 8;
            };
            case Date -> ((ArrowType.Date) type).getUnit() == DateUnit.DAY ? 4 : 8;
            case Time -> ((ArrowType.Time) type).getBitWidth() / 8;
            case Timestamp -> 8;
            case Decimal -> ((ArrowType.Decimal) type).getBitWidth() / 8;
            default -> -1;
        };
    }

    static WeftException unsupported(String column, Field field) {
        final String what = field.getDictionary() != null ? "dictionary-encoded " + field.getType() : field.getType()
                .toString();
        return new WeftException(ErrorCode.UNSUPPORTED, "Cannot compute the logical hash of column '" + column
                + "': type " + what + " has no arrow-digest (RecordDigestV0) hash");
    }

    private static int timeUnitId(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 1;
            case MICROSECOND -> 2;
            case NANOSECOND -> 3;
        };
    }

    private static void u16(Sha3 digest, int value) {
        digest.update(Bytes.u16(value), 0, 2);
    }

    private static void u64(Sha3 digest, long value) {
        digest.update(Bytes.u64(value), 0, 8);
    }
}
