package dev.weft.calcite.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's DuckDB dialect, corrected where DuckDB rejects what it writes: DuckDB does not allow an aggregate call
 * inside another ({@code MAX(SUM(x))}), so such plans are written with a sub-query; its text type has neither a
 * length nor a character set, which Calcite writes into casts ({@code CAST(x AS VARCHAR CHARACTER SET …)}); and it
 * converts text implicitly only where it is an untyped literal, so a cast from text stays in the SQL (Calcite drops it
 * from comparisons, turning {@code ts <= CAST(? AS TIMESTAMP)} into a comparison of a timestamp with text).
 */
final class EngineDialect extends DuckDBSqlDialect {
    static final EngineDialect INSTANCE = new EngineDialect();

    private EngineDialect() {
        super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public boolean supportsNestedAggregations() {
        return false;
    }

    @Override
    public boolean supportsImplicitTypeCoercion(RexCall call) {
        return false;
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
