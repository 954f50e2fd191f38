package dev.weft.calcite.exec;

import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * Calcite's DuckDB dialect, corrected where DuckDB rejects what it writes: DuckDB does not allow an aggregate call
 * inside another ({@code MAX(SUM(x))}), so such plans are written with a sub-query.
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
}
