package dev.weft.jdbc;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * {@code java.time} values as Avatica's {@code java.sql} ones and back. Weft's DATE and TIMESTAMP have no zone, and
 * Avatica carries them as days and milliseconds since the epoch; read and written against a UTC calendar, those
 * numbers are exactly the local date and time, whatever the JVM's zone.
 */
final class JavaTime {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private JavaTime() {}

    /** A new UTC calendar (calendars are mutable, so one per call). */
    static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    }

    static Date toDate(LocalDate date) {
        return new Date(date.toEpochDay() * MILLIS_PER_DAY);
    }

    static Timestamp toTimestamp(LocalDateTime dateTime) {
        return Timestamp.from(dateTime.toInstant(ZoneOffset.UTC));
    }

    /** The date of {@code date} read against {@link #utc()}, or null. */
    static LocalDate toLocalDate(Date date) {
        return date == null ? null : LocalDate.ofEpochDay(Math.floorDiv(date.getTime(), MILLIS_PER_DAY));
    }

    /** The date and time of {@code timestamp} read against {@link #utc()}, or null. */
    static LocalDateTime toLocalDateTime(Timestamp timestamp) {
        return timestamp == null ? null : LocalDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
    }
}
