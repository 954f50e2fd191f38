package dev.weft.calcite.exec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads the parameter values a client sent as Arrow vectors (Flight SQL's bound parameters) into the Java values
 * {@link Parameters} binds. Every timestamp unit reads to the same instant: a vector with a time zone holds
 * instants since the epoch in UTC whatever its zone, a vector without one holds wall-clock times read as UTC, as
 * Weft's timestamps are. {@code getObject} is not used for these: it returns the raw count for zoned vectors, whose
 * unit the caller would then have to guess.
 */
public final class ArrowParameters {
    private ArrowParameters() {}

    /** The values of row {@code row} of {@code root}, one per column, nulls included. */
    public static List<Object> row(VectorSchemaRoot root, int row) {
        final List<Object> values = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
            values.add(value(vector, row));
        }
        return values;
    }

    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof TimeStampVector timestamps) {
            final ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
            final Instant instant = instant(timestamps.get(row), type.getUnit());
            return type.getTimezone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
        }
        if (vector instanceof DateDayVector days) {
            return LocalDate.ofEpochDay(days.get(row));
        }
        if (vector instanceof DateMilliVector millis) {
            return LocalDate.ofEpochDay(Math.floorDiv(millis.get(row), TimeUnit.DAYS.toMillis(1)));
        }
        if (vector instanceof TimeSecVector seconds) {
            return LocalTime.ofSecondOfDay(seconds.get(row));
        }
        if (vector instanceof TimeMilliVector millis) {
            return LocalTime.ofNanoOfDay(millis.get(row) * 1_000_000L);
        }
        if (vector instanceof TimeMicroVector micros) {
            return LocalTime.ofNanoOfDay(micros.get(row) * 1_000L);
        }
        if (vector instanceof TimeNanoVector nanos) {
            return LocalTime.ofNanoOfDay(nanos.get(row));
        }
        if (vector instanceof VarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof LargeVarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        return vector.getObject(row);
    }

    private static Instant instant(long count, org.apache.arrow.vector.types.TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return Instant.ofEpochSecond(count);
            case MILLISECOND:
                return Instant.ofEpochMilli(count);
            case MICROSECOND:
                return Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000L),
                        Math.floorMod(count, 1_000_000L) * 1_000L);
            case NANOSECOND:
                return Instant.ofEpochSecond(Math.floorDiv(count, 1_000_000_000L),
                        Math.floorMod(count, 1_000_000_000L));
            default:
                throw new IllegalArgumentException("Unknown Arrow time unit " + unit);
        }
    }
}
