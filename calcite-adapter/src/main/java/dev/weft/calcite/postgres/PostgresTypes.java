package dev.weft.calcite.postgres;

import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's names for types that standard SQL spells otherwise ({@code text}, {@code int8}, {@code float8},
 * {@code bool}, {@code timestamptz}, ...), as casts from BI tools and {@code ::} casts use them. Weft has one timestamp
 * type, an instant in UTC, so {@code timestamptz} is that type (a session's time zone is always UTC); JSON is kept as
 * its text.
 */
public final class PostgresTypes {
    private static final Map<String, SqlTypeName> NAMES = Map.ofEntries(
            Map.entry("text", SqlTypeName.VARCHAR), Map.entry("string", SqlTypeName.VARCHAR),
            Map.entry("bpchar", SqlTypeName.VARCHAR), Map.entry("name", SqlTypeName.VARCHAR),
            Map.entry("int2", SqlTypeName.SMALLINT), Map.entry("int4", SqlTypeName.INTEGER),
            Map.entry("int8", SqlTypeName.BIGINT), Map.entry("long", SqlTypeName.BIGINT),
            Map.entry("float4", SqlTypeName.REAL), Map.entry("float8", SqlTypeName.DOUBLE),
            Map.entry("bool", SqlTypeName.BOOLEAN), Map.entry("bytea", SqlTypeName.VARBINARY),
            Map.entry("blob", SqlTypeName.VARBINARY), Map.entry("json", SqlTypeName.VARCHAR),
            Map.entry("jsonb", SqlTypeName.VARCHAR),
            Map.entry("timestamptz", SqlTypeName.TIMESTAMP), Map.entry("datetime", SqlTypeName.TIMESTAMP));

    /** Weft's timestamps are milliseconds since the epoch (ODF's system and event times). */
    public static final int TIMESTAMP_PRECISION = 3;

    private PostgresTypes() {}

    /** The type a single-word type name denotes, or null when it is not one of PostgreSQL's aliases. */
    public static RelDataType resolve(SqlIdentifier name, RelDataTypeFactory types) {
        if (!name.isSimple()) {
            return null;
        }
        final SqlTypeName type = NAMES.get(name.getSimple().toLowerCase(Locale.ROOT));
        if (type == null) {
            return null;
        }
        return type == SqlTypeName.TIMESTAMP ? types.createSqlType(type, TIMESTAMP_PRECISION)
                : types.createSqlType(type);
    }
}
