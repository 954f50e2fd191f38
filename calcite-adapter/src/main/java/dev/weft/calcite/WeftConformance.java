package dev.weft.calcite;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Babel's lenient conformance (so {@code AS value}, {@code GROUP BY} an output alias or ordinal and
 * {@code DISTINCT ON} work as users paste them) with PostgreSQL's strict {@code GROUP BY}: a select item that is
 * neither grouped nor aggregated is an error, not silently wrapped in {@code ANY_VALUE}. Babel's non-strict mode also
 * took the grouped column of a {@code ROLLUP} for a non-grouped one, so the grand-total row carried a group's value
 * instead of NULL.
 */
final class WeftConformance extends SqlDelegatingConformance {
    static final WeftConformance INSTANCE = new WeftConformance();

    private WeftConformance() {
        super(SqlConformanceEnum.BABEL);
    }

    @Override
    public boolean isNonStrictGroupBy() {
        return false;
    }
}
