package dev.weft.calcite;

import dev.weft.calcite.schema.WeftSchemas;
import dev.weft.odf.error.ErrorCode;
import dev.weft.temporal.AsAt;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of one client session (a JDBC connection, a Flight SQL session, a {@code weft sql} shell), changed
 * with {@code SET name = value} and {@code RESET name | ALL}. Settings:
 *
 * <ul>
 *   <li>{@code weft.as_at}: a timestamp (UTC) that pins every dataset table of later queries, as if each had
 *       {@code FOR SYSTEM_TIME AS OF} that time.
 * </ul>
 *
 * Thread-safe.
 */
public final class Session {
    public static final String AS_AT = "weft.as_at";
    /** The user of a session that did not authenticate: every session, until Weft has authentication. */
    public static final String ANONYMOUS = "weft";

    private volatile AsAt asAt;
    private volatile String schema = WeftSchemas.ODF;

    /** The user this session runs as ({@code current_user}). */
    public String user() {
        return ANONYMOUS;
    }

    /** The session's AS AT pin, or null. */
    public AsAt asAt() {
        return asAt;
    }

    /** The schema unqualified table names resolve in: {@code odf} unless the client chose another. */
    public String schema() {
        return schema;
    }

    /**
     * Makes unqualified table names of later statements resolve in {@code name} (JDBC's {@code setSchema}), matched
     * case-insensitively. As in PostgreSQL's search path, a schema that does not exist is accepted and resolves no
     * names: JDBC clients may send it lazily, with a later statement, where an error would be misplaced.
     */
    public void setSchema(String name) {
        Objects.requireNonNull(name, "name");
        schema = WeftSchemas.NAMES.stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
    }

    /**
     * Sets {@code name} to {@code value} (null resets it).
     *
     * @throws SqlException {@code SQL_INVALID} for an unknown setting or a value it does not take
     */
    public void set(String name, String value) {
        final String key = name.toLowerCase(Locale.ROOT);
        if (!key.equals(AS_AT)) {
            throw new SqlException(ErrorCode.SQL_INVALID, "Unknown setting '" + name + "'; Weft's settings are "
                    + AS_AT, 0, 0, null);
        }
        asAt = value == null ? null : AsAt.time(parseTime(value));
    }

    /** Resets every setting. */
    public void resetAll() {
        asAt = null;
    }

    private static Instant parseTime(String value) {
        final String text = value.trim();
        try {
            return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? Instant.parse(text.replace(' ', 'T'))
                    : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SqlException(ErrorCode.SQL_INVALID, AS_AT + " takes a timestamp such as '2026-01-31 "
                    + "12:00:00' (UTC), not '" + value + "'; to read one block of one dataset use "
                    + "FOR SYSTEM_TIME AS OF '<block hash>'", 0, 0, e);
        }
    }
}
