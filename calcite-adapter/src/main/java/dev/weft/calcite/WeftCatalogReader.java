package dev.weft.calcite;

import dev.weft.calcite.schema.WeftSchemas;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Resolves names along {@link WeftSchemas#LOOKUP_PATHS}, case-insensitively: Calcite's public constructor takes only
 * one default path, which would leave {@code sys.blocks} and {@code odf.x} unresolved.
 */
final class WeftCatalogReader extends CalciteCatalogReader {
    WeftCatalogReader(CalciteSchema root, RelDataTypeFactory types, CalciteConnectionConfig config) {
        super(root, SqlNameMatchers.withCaseSensitive(false), WeftSchemas.LOOKUP_PATHS, types, config);
    }
}
