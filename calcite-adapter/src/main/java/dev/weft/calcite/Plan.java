package dev.weft.calcite;

import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.dataset.CatalogSnapshot;
import java.util.List;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;

/**
 * A validated query turned into a logical plan against one catalog snapshot.
 *
 * @param rel the logical plan, projected to the result columns
 * @param rowType the result columns as the validator typed them
 * @param parameterType one field per {@code ?} parameter, in order
 * @param datasets the dataset tables the plan reads (also inside sub-queries)
 * @param pushable whether the whole plan runs in the vectorized engine (it reads only dataset tables)
 */
record Plan(
        CatalogSnapshot snapshot,
        SchemaPlus schema,
        RelRoot root,
        RelDataType rowType,
        RelDataType parameterType,
        List<OdfTable> datasets,
        boolean pushable) {}
