package dev.weft.calcite.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's DuckDB dialect, corrected where DuckDB rejects what it writes: DuckDB does not allow an aggregate call
 * inside another ({@code MAX(SUM(x))}), so such plans are written with a sub-query; its text type has neither a
 * length nor a character set, which Calcite writes into casts ({@code CAST(x AS VARCHAR CHARACTER SET …)}); and it
 * converts text implicitly only where it is an untyped literal, so a cast from text stays in the SQL (Calcite drops it
 * from comparisons, turning {@code ts <= CAST(? AS TIMESTAMP)} into a comparison of a timestamp with text). Functions
 * whose engine form differs are written by {@link EngineFunctions}' table.
 */
final class EngineDialect extends DuckDBSqlDialect {
    static final EngineDialect INSTANCE = new EngineDialect();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private EngineDialect() {
        super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (!EngineFunctions.unparse(writer, call)) {
            super.unparseCall(writer, call, leftPrec, rightPrec);
        }
    }

    @Override
    public boolean supportsNestedAggregations() {
        return false;
    }

    @Override
    public boolean supportsImplicitTypeCoercion(RexCall call) {
        return false;
    }

    /**
     * Intervals as DuckDB reads them: a count of months, or days plus microseconds ({@code INTERVAL '14 months'},
     * {@code INTERVAL '1 days 3600000000 microseconds'}); DuckDB has no {@code DAY TO SECOND} qualifiers.
     */
    @Override
    public void unparseSqlIntervalLiteral(SqlWriter writer, SqlIntervalLiteral literal, int leftPrec,
            int rightPrec) {
        final SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        final SqlIntervalQualifier qualifier = value.getIntervalQualifier();
        final String text;
        if (qualifier.isYearMonth()) {
            text = value.getSign() * SqlParserUtil.intervalToMonths(value.getIntervalLiteral(), qualifier) + " months";
        } else {
            final long millis = value.getSign() * SqlParserUtil.intervalToMillis(value.getIntervalLiteral(), qualifier);
            text = millis / MILLIS_PER_DAY + " days " + millis % MILLIS_PER_DAY * 1000 + " microseconds";
        }
        writer.literal("INTERVAL '" + text + "'");
    }

    /**
     * Text literals as DuckDB reads them: UTF-8 whatever character set Calcite gave the literal (it writes
     * {@code _UTF-16LE'…'} for a {@code U&'…'} literal), and a NUL character as {@code chr(0)}, since the engine reads
     * SQL text only up to the first NUL.
     */
    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
        final String[] parts = val.split("\u0000", -1);
        if (parts.length > 1) {
            buf.append('(');
        }
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                buf.append(" || chr(0) || ");
            }
            buf.append('\'').append(parts[i].replace("'", "''")).append('\'');
        }
        if (parts.length > 1) {
            buf.append(')');
        }
    }

    @Override
    public SqlNode getCastSpec(RelDataType type) {
        if (SqlTypeUtil.isCharacter(type)) {
            return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("VARCHAR", SqlTypeName.VARCHAR,
                    SqlParserPos.ZERO), SqlParserPos.ZERO);
        }
        return super.getCastSpec(type);
    }
}
