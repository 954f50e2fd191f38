package dev.weft.server.differential;

import dev.weft.calcite.exec.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.postgresql.util.PGInterval;

/**
 * Reads result rows from Arrow batches or a JDBC {@link ResultSet} into one canonical set of Java values, so that
 * answers of different engines and protocols compare directly: exact numbers as {@link BigDecimal}, floating point as
 * {@link Double}, text as {@link String}, {@link Boolean}, {@link LocalDate}, timestamps as UTC {@link LocalDateTime}
 * (with or without time zone alike), {@link LocalTime}, intervals as {@link Interval}, arrays as {@link List}, and
 * SQL NULL as null.
 */
final class ResultRows {
    /** An interval reduced the way PostgreSQL compares intervals: a month is 30 days, a day 24 hours. */
    record Interval(long micros) {
        static Interval of(long months, long days, long micros) {
            return new Interval(((months * 30 + days) * 86_400_000_000L) + micros);
        }

        @Override
        public String toString() {
            return Duration.ofNanos(micros * 1000).toString();
        }
    }

    private ResultRows() {}

    static List<List<Object>> drain(QueryResult result) {
        final List<List<Object>> rows = new ArrayList<>();
        final VectorSchemaRoot root = result.root();
        while (result.loadNextBatch()) {
            for (int r = 0; r < root.getRowCount(); r++) {
                final List<Object> row = new ArrayList<>(root.getFieldVectors().size());
                for (FieldVector vector : root.getFieldVectors()) {
                    row.add(arrowValue(vector, r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object arrowValue(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof DateDayVector dates) {
            return LocalDate.ofEpochDay(dates.get(row));
        }
        if (vector instanceof DateMilliVector dates) {
            return LocalDate.ofEpochDay(Math.floorDiv(dates.get(row), 86_400_000L));
        }
        if (vector instanceof TimeStampVector stamps) {
            final ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
            return timestamp(stamps.get(row), type.getUnit());
        }
        return canonical(vector.getObject(row));
    }

    private static LocalDateTime timestamp(long value, TimeUnit unit) {
        final Instant instant = switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    Math.floorMod(value, 1_000_000L) * 1000);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                    Math.floorMod(value, 1_000_000_000L));
        };
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static List<List<Object>> read(ResultSet resultSet) throws SQLException {
        final ResultSetMetaData meta = resultSet.getMetaData();
        final int columns = meta.getColumnCount();
        final List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            final List<Object> row = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                row.add(jdbcValue(resultSet, c, meta.getColumnType(c)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object jdbcValue(ResultSet resultSet, int column, int type) throws SQLException {
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(resultSet.getMetaData().getColumnTypeName(column))) {
            final OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        final Object value = resultSet.getObject(column);
        return resultSet.wasNull() ? null : canonical(value);
    }

    /** The canonical form of a value read from Arrow's {@code getObject} or JDBC's. */
    static Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Float f) {
            return Double.valueOf(Float.toString(f));
        }
        if (value instanceof Double || value instanceof BigDecimal || value instanceof String
                || value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime
                || value instanceof LocalTime) {
            return value;
        }
        if (value instanceof Text text) {
            return text.toString();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Timestamp stamp) {
            return stamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        }
        if (value instanceof PGInterval interval) {
            final long micros = Math.round(interval.getSeconds() * 1_000_000d)
                    + (interval.getHours() * 3600L + interval.getMinutes() * 60L) * 1_000_000L;
            return Interval.of(interval.getYears() * 12L + interval.getMonths(), interval.getDays(), micros);
        }
        if (value instanceof Duration duration) {
            return new Interval(duration.toNanos() / 1000);
        }
        if (value instanceof PeriodDuration period) {
            final Period p = period.getPeriod();
            return Interval.of(p.toTotalMonths(), p.getDays(), period.getDuration().toNanos() / 1000);
        }
        if (value instanceof Array array) {
            try {
                return canonicalList(java.util.Arrays.asList((Object[]) array.getArray()));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read an SQL array", e);
            }
        }
        if (value instanceof List<?> list) {
            return canonicalList(list);
        }
        if (value instanceof Object[] objects) {
            return canonicalList(java.util.Arrays.asList(objects));
        }
        // Anything else (e.g. a PostgreSQL-only type) is compared by its text.
        return value.toString();
    }

    private static List<Object> canonicalList(List<?> values) {
        final List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(canonical(v));
        }
        return out;
    }
}
