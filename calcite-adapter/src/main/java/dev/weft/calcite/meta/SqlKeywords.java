package dev.weft.calcite.meta;

import dev.weft.calcite.WeftSql;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParser;

/** The keywords and function names metadata APIs advertise, the same over Flight SQL and JDBC. */
public final class SqlKeywords {
    public static final List<String> NUMERIC_FUNCTIONS = List.of("ABS", "CEIL", "CEILING", "EXP", "FLOOR", "LN",
            "LOG10", "MOD", "POWER", "ROUND", "SIGN", "SQRT", "TRUNCATE");
    public static final List<String> STRING_FUNCTIONS = List.of("CHAR_LENGTH", "CHARACTER_LENGTH", "CONCAT",
            "LOWER", "OVERLAY", "POSITION", "REPLACE", "SUBSTRING", "TRIM", "UPPER");
    public static final List<String> TIME_DATE_FUNCTIONS = List.of("CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "DATE_TRUNC", "EXTRACT");
    public static final List<String> SYSTEM_FUNCTIONS = List.of("COALESCE", "NULLIF");

    private SqlKeywords() {}

    /** Keywords of Weft's SQL that are not SQL:2003 keywords, as {@code DatabaseMetaData.getSQLKeywords} lists. */
    public static List<String> jdbcKeywords() {
        return List.of(SqlParser.create("", WeftSql.PARSER).getMetadata().getJdbcKeywords().split(","));
    }
}
