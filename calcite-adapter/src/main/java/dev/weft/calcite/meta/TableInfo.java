package dev.weft.calcite.meta;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * One table as every metadata surface (Flight SQL, JDBC {@code DatabaseMetaData}) reports it.
 *
 * @param type {@code TABLE} for datasets, {@code SYSTEM TABLE} for {@code sys} tables
 * @param primaryKey the merge strategy's primary key columns, in key order (empty when it has none)
 */
public record TableInfo(String catalog, String schema, String name, String type, String remarks,
        RelDataType rowType, List<String> primaryKey) {
    public TableInfo {
        primaryKey = List.copyOf(primaryKey);
    }
}
