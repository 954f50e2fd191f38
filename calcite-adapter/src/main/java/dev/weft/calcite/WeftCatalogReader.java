package dev.weft.calcite;

import dev.weft.calcite.postgres.PostgresTypes;
import dev.weft.calcite.schema.WeftSchemas;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Resolves names along {@link WeftSchemas#lookupPaths} of the session's schema, case-insensitively: Calcite's public constructor takes only
 * one default path, which would leave {@code sys.blocks} and {@code odf.x} unresolved. Type names resolve to
 * PostgreSQL's aliases ({@code text}, {@code timestamptz}, ...) as well as the standard ones.
 */
final class WeftCatalogReader extends CalciteCatalogReader {
    WeftCatalogReader(CalciteSchema root, String schema, RelDataTypeFactory types, CalciteConnectionConfig config) {
        super(root, SqlNameMatchers.withCaseSensitive(false), WeftSchemas.lookupPaths(schema), types, config);
    }

    @Override
    public RelDataType getNamedType(SqlIdentifier typeName) {
        final RelDataType postgres = PostgresTypes.resolve(typeName, getTypeFactory());
        return postgres != null ? postgres : super.getNamedType(typeName);
    }
}
