package dev.weft.calcite.postgres;

import dev.weft.calcite.WeftSql;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * PostgreSQL's (and DuckDB's) statements that are queries in disguise, as Weft's parser builds them:
 * {@code SHOW TABLES [FROM schema]}, {@code SHOW SCHEMAS}, {@code SHOW COLUMNS FROM table} become queries of
 * {@code information_schema}; {@code EXPLAIN query} is Calcite's {@code EXPLAIN PLAN FOR query}, and
 * {@code EXPLAIN ANALYZE query} an {@link Analyze} that also runs it.
 */
public final class PostgresStatements {
    private PostgresStatements() {}

    /** {@code EXPLAIN ANALYZE query}: the plan, then what running it took (rows, time). */
    public static final class Analyze extends SqlExplain {
        Analyze(SqlParserPos pos, SqlNode query, int dynamicParams) {
            super(pos, query, SqlLiteral.createSymbol(SqlExplainLevel.EXPPLAN_ATTRIBUTES, pos),
                    SqlLiteral.createSymbol(SqlExplain.Depth.PHYSICAL, pos),
                    SqlLiteral.createSymbol(SqlExplainFormat.TEXT, pos), dynamicParams);
        }
    }

    /** {@code EXPLAIN [ANALYZE] query}. */
    public static SqlExplain explain(SqlParserPos pos, SqlNode query, boolean analyze, int dynamicParams) {
        if (analyze) {
            return new Analyze(pos, query, dynamicParams);
        }
        return new SqlExplain(pos, query, SqlLiteral.createSymbol(SqlExplainLevel.EXPPLAN_ATTRIBUTES, pos),
                SqlLiteral.createSymbol(SqlExplain.Depth.PHYSICAL, pos),
                SqlLiteral.createSymbol(SqlExplainFormat.TEXT, pos), dynamicParams);
    }

    /**
     * {@code SHOW what [FROM name]} as a query.
     *
     * @throws CalciteContextException for anything but TABLES, SCHEMAS and COLUMNS FROM a table
     */
    public static SqlNode show(SqlParserPos pos, SqlIdentifier what, SqlIdentifier from) {
        final String kind = what.getSimple().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "tables":
                return query(pos, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = "
                        + literal(from == null ? "odf" : last(from)) + " ORDER BY 1");
            case "schemas":
                if (from == null) {
                    return query(pos, "SELECT schema_name AS name FROM information_schema.schemata ORDER BY 1");
                }
                break;
            case "columns":
                if (from != null) {
                    final List<String> names = from.names;
                    final String schema = names.size() > 1 ? names.get(names.size() - 2) : "odf";
                    return query(pos, "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                            + "WHERE table_schema = " + literal(schema) + " AND table_name = " + literal(last(from))
                            + " ORDER BY ordinal_position");
                }
                break;
            default:
                break;
        }
        final String message = "SHOW supports TABLES [FROM schema], SCHEMAS and COLUMNS FROM table";
        throw new CalciteContextException(message, new SqlValidatorException(message, null), pos.getLineNum(),
                pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    private static String last(SqlIdentifier name) {
        return name.names.get(name.names.size() - 1);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static SqlNode query(SqlParserPos pos, String sql) {
        try {
            return SqlParser.create(sql, WeftSql.PARSER).parseQuery();
        } catch (SqlParseException e) {
            throw new IllegalStateException("Weft's own SHOW query does not parse: " + sql, e);
        }
    }
}
