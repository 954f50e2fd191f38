package dev.weft.calcite;

import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.temporal.AsAt;
import dev.weft.temporal.TemporalRewriter;
import java.util.List;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlSetOption;

/**
 * A statement made ready to run against one catalog snapshot: a query (or an {@code EXPLAIN} of one, which
 * {@code EXPLAIN ANALYZE} also runs) as a logical plan, or a session setting.
 *
 * @param root the logical plan, projected to the result columns, AS AT applied (null for a setting)
 * @param rowType the query's result columns as the validator typed them (null for a setting)
 * @param parameterType one field per {@code ?} parameter, in order
 * @param datasets the dataset tables the plan reads (also inside sub-queries), as pinned by AS AT
 * @param pushable whether the whole plan runs in the vectorized engine (it reads only dataset tables)
 * @param pinned the tables AS AT pinned to a block
 * @param sessionAsAt the session's AS AT when the plan was made (null when unpinned)
 * @param setting the {@code SET}/{@code RESET} statement, for a setting
 */
record Plan(
        Kind kind,
        CatalogSnapshot snapshot,
        SchemaPlus schema,
        RelRoot root,
        RelDataType rowType,
        RelDataType parameterType,
        List<OdfTable> datasets,
        boolean pushable,
        List<TemporalRewriter.Pinned> pinned,
        AsAt sessionAsAt,
        SqlSetOption setting) {

    enum Kind { QUERY, EXPLAIN, EXPLAIN_ANALYZE, SETTING }
}
