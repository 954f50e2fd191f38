package dev.weft.odf.ingest;

import dev.weft.odf.model.DataType;
import dev.weft.odf.model.TimeUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The column types ingest can read from text: how a value is parsed, held in Arrow and described in an ODF schema.
 * Values are held as {@code String}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Boolean},
 * {@code LocalDate}, {@code Long} epoch milliseconds (timestamps) and {@code BigDecimal} of the column's scale.
 *
 * @param precision decimal precision, 0 for other kinds
 * @param scale decimal scale, 0 for other kinds
 */
public record ColumnType(Kind kind, int precision, int scale) {
    /** Decimals of this many digits or fewer have an unscaled value that fits a long. */
    private static final int MAX_LONG_DIGITS = 18;
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /** The kinds of column ingest supports. */
    public enum Kind { STRING, INT32, INT64, FLOAT32, FLOAT64, BOOL, DATE, TIMESTAMP, DECIMAL }

    public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);

    /** Text formats for dates and timestamps ({@code rfc3339} or a {@link DateTimeFormatter} pattern). */
    public record Formats(String date, String timestamp) {
        public static final Formats DEFAULT = new Formats(null, null);
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale
                    + ") is out of range: precision 1..38, scale 0..precision");
        }
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /**
     * The ingest type of an ODF data type.
     *
     * @throws IllegalArgumentException naming the type when ingest cannot read it from text
     */
    public static ColumnType fromOdf(DataType type) {
        if (type instanceof DataType.Option option) {
            return fromOdf(option.inner());
        }
        if (type instanceof DataType.String) {
            return STRING;
        }
        if (type instanceof DataType.Int8 || type instanceof DataType.Int16 || type instanceof DataType.Int32) {
            return of(Kind.INT32);
        }
        if (type instanceof DataType.Int64) {
            return of(Kind.INT64);
        }
        if (type instanceof DataType.Float32) {
            return of(Kind.FLOAT32);
        }
        if (type instanceof DataType.Float64) {
            return of(Kind.FLOAT64);
        }
        if (type instanceof DataType.Bool) {
            return of(Kind.BOOL);
        }
        if (type instanceof DataType.Date) {
            return of(Kind.DATE);
        }
        if (type instanceof DataType.Timestamp) {
            return TIMESTAMP;
        }
        if (type instanceof DataType.Decimal decimal) {
            return decimal((int) decimal.precision(), decimal.scale());
        }
        throw new IllegalArgumentException("ingest cannot read columns of type " + type.kind() + " yet");
    }

    /**
     * The ingest type of a DDL type name such as {@code BIGINT} or {@code DECIMAL(10,2)}.
     *
     * @throws IllegalArgumentException naming the type when it is unknown
     */
    public static ColumnType fromDdl(String ddlType) {
        final String type = ddlType.trim().toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            final String args = type.replaceFirst("^(DECIMAL|NUMERIC)\\s*", "");
            if (args.isEmpty()) {
                return decimal(10, 0);
            }
            final String[] parts = args.replaceAll("[()\\s]", "").split(",");
            return decimal(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        }
        switch (type) {
            case "STRING": case "VARCHAR": case "CHAR": case "TEXT":
                return STRING;
            case "INT": case "INTEGER": case "SMALLINT": case "TINYINT": case "SHORT": case "BYTE":
                return of(Kind.INT32);
            case "BIGINT": case "LONG":
                return of(Kind.INT64);
            case "FLOAT": case "REAL":
                return of(Kind.FLOAT32);
            case "DOUBLE":
                return of(Kind.FLOAT64);
            case "BOOLEAN": case "BOOL":
                return of(Kind.BOOL);
            case "DATE":
                return of(Kind.DATE);
            case "TIMESTAMP": case "TIMESTAMP_NTZ":
                return TIMESTAMP;
            default:
                throw new IllegalArgumentException("ingest cannot read columns of DDL type " + ddlType);
        }
    }

    public ArrowType arrowType() {
        switch (kind) {
            case STRING: return ArrowType.Utf8.INSTANCE;
            case INT32: return new ArrowType.Int(32, true);
            case INT64: return new ArrowType.Int(64, true);
            case FLOAT32: return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE);
            case FLOAT64: return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
            case BOOL: return ArrowType.Bool.INSTANCE;
            case DATE: return new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);
            case TIMESTAMP: return new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, "UTC");
            default: return new ArrowType.Decimal(precision, scale, 128);
        }
    }

    public DataType odfType() {
        switch (kind) {
            case STRING: return new DataType.String();
            case INT32: return new DataType.Int32();
            case INT64: return new DataType.Int64();
            case FLOAT32: return new DataType.Float32();
            case FLOAT64: return new DataType.Float64();
            case BOOL: return new DataType.Bool();
            case DATE: return new DataType.Date();
            case TIMESTAMP: return new DataType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            default: return new DataType.Decimal(precision, scale);
        }
    }

    /** A SQL-like name for messages, e.g. {@code BIGINT} or {@code DECIMAL(10,2)}. */
    public String displayName() {
        switch (kind) {
            case STRING: return "STRING";
            case INT32: return "INT";
            case INT64: return "BIGINT";
            case FLOAT32: return "FLOAT";
            case FLOAT64: return "DOUBLE";
            case BOOL: return "BOOLEAN";
            case DATE: return "DATE";
            case TIMESTAMP: return "TIMESTAMP";
            default: return "DECIMAL(" + precision + "," + scale + ")";
        }
    }

    /**
     * Parses text into this type's value.
     *
     * @throws IllegalArgumentException with the reason when the text is not a value of this type
     */
    public Object parse(String text, Formats formats) {
        switch (kind) {
            case STRING:
                return text;
            case INT32:
                return Integer.valueOf((int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case INT64:
                return Long.valueOf(parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT32:
                return Float.valueOf(floatText(text));
            case FLOAT64:
                return Double.valueOf(floatText(text));
            case BOOL:
                switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true": case "t": case "1": case "yes":
                        return Boolean.TRUE;
                    case "false": case "f": case "0": case "no":
                        return Boolean.FALSE;
                    default:
                        throw new IllegalArgumentException("expected true or false");
                }
            case DATE:
                return parseDate(text.trim(), formats.date());
            case TIMESTAMP:
                return parseTimestamp(text.trim(), formats.timestamp());
            default:
                return parseDecimal(text.trim());
        }
    }

    /** Writes a value (or null) into row {@code row} of a vector made from {@link #arrowType()}. */
    public void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        switch (kind) {
            case STRING: ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8)); break;
            case INT32: ((IntVector) vector).setSafe(row, (Integer) value); break;
            case INT64: ((BigIntVector) vector).setSafe(row, (Long) value); break;
            case FLOAT32: ((Float4Vector) vector).setSafe(row, (Float) value); break;
            case FLOAT64: ((Float8Vector) vector).setSafe(row, (Double) value); break;
            case BOOL: ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0); break;
            case DATE: ((DateDayVector) vector).setSafe(row, (int) ((LocalDate) value).toEpochDay()); break;
            case TIMESTAMP: ((TimeStampMilliTZVector) vector).setSafe(row, (Long) value); break;
            default: setDecimal((DecimalVector) vector, row, (BigDecimal) value); break;
        }
    }

    /**
     * Decimals of up to 18 digits are set from their unscaled long. It is taken as the value moved to scale 0, which
     * for a BigDecimal that fits a long is held inline: {@code unscaledValue()} would build a BigInteger each time.
     */
    private void setDecimal(DecimalVector vector, int row, BigDecimal value) {
        if (precision <= MAX_LONG_DIGITS && value.scale() == scale) {
            vector.setSafe(row, value.scaleByPowerOfTen(scale).longValueExact());
        } else {
            vector.setSafe(row, value);
        }
    }

    /** Reads row {@code row} of a vector of this type (null when null). */
    public Object get(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        switch (kind) {
            case STRING: return new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
            case INT32: return ((IntVector) vector).get(row);
            case INT64: return ((BigIntVector) vector).get(row);
            case FLOAT32: return ((Float4Vector) vector).get(row);
            case FLOAT64: return ((Float8Vector) vector).get(row);
            case BOOL: return ((BitVector) vector).get(row) != 0;
            case DATE: return LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case TIMESTAMP: return ((TimeStampMilliTZVector) vector).get(row);
            default: return ((DecimalVector) vector).getObject(row);
        }
    }

    private static long parseInteger(String text, long min, long max) {
        final long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range " + min + ".." + max);
        }
        return value;
    }

    private static String floatText(String text) {
        final String trimmed = text.trim();
        try {
            Double.parseDouble(trimmed);
            return trimmed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }

    private BigDecimal parseDecimal(String text) {
        final long unscaled = precision <= MAX_LONG_DIGITS ? plainUnscaled(text) : NOT_PLAIN;
        if (unscaled != NOT_PLAIN) {
            return BigDecimal.valueOf(unscaled, scale);
        }
        final BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number");
        }
        final BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("has more than " + scale + " decimal places");
        }
        if (scaled.precision() > precision) {
            throw new IllegalArgumentException("has more than " + precision + " digits");
        }
        return scaled;
    }

    /**
     * The unscaled value of plain decimal text ({@code -12.5}, {@code 7}, {@code .25}) at this column's scale, read
     * digit by digit; {@link #NOT_PLAIN} for anything else (exponents, too many digits, more decimals than the scale
     * holds), which the general path then parses or rejects with its reason.
     */
    private long plainUnscaled(String text) {
        final int length = text.length();
        int i = 0;
        final boolean negative = length > 0 && text.charAt(0) == '-';
        if (negative || length > 0 && text.charAt(0) == '+') {
            i++;
        }
        long unscaled = 0;
        boolean anyDigit = false;
        int digits = 0;
        int decimals = -1;
        for (; i < length; i++) {
            final char c = text.charAt(i);
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (unscaled != 0 || c != '0') {
                    digits++;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
                if (digits > MAX_LONG_DIGITS || decimals > scale) {
                    return NOT_PLAIN;
                }
            } else {
                return NOT_PLAIN;
            }
        }
        final int fraction = Math.max(decimals, 0);
        if (!anyDigit || unscaled != 0 && digits + scale - fraction > precision) {
            return NOT_PLAIN;
        }
        for (int d = fraction; d < scale; d++) {
            unscaled *= 10;
        }
        return negative ? -unscaled : unscaled;
    }

    private static LocalDate parseDate(String text, String format) {
        try {
            if (format == null || format.equalsIgnoreCase("rfc3339")) {
                if (text.length() >= 10 && isIsoDate(text)) {
                    return LocalDate.of(fourDigits(text, 0), twoDigits(text, 5), twoDigits(text, 8));
                }
                return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            }
            return LocalDate.parse(text, DateTimeFormatter.ofPattern(format, Locale.ROOT));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a date" + (format == null ? " like 2020-01-31" : " in format " + format));
        }
    }

    /** Whether the text starts with {@code dddd-dd-dd}, which then needs only a calendar check. */
    private static boolean isIsoDate(String text) {
        for (int i = 0; i < 10; i++) {
            final char c = text.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int fourDigits(String text, int at) {
        return twoDigits(text, at) * 100 + twoDigits(text, at + 2);
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + (text.charAt(at + 1) - '0');
    }

    /** Epoch milliseconds; text without a zone is taken as UTC. */
    static long parseTimestamp(String text, String format) {
        try {
            if (format != null && !format.equalsIgnoreCase("rfc3339")) {
                return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(format, Locale.ROOT))
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            final String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a timestamp"
                    + (format == null ? " like 2020-01-31T12:00:00Z" : " in format " + format));
        }
    }

    /** The instant of a timestamp value. */
    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
