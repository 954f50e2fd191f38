package dev.weft.calcite.schema;

import dev.weft.calcite.WeftTypeSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code information_schema} views that SQL clients and BI tools read to list schemas, tables and
 * columns ({@code schemata}, {@code tables}, {@code columns}), over the catalog's schemas {@code odf}, {@code state}
 * and {@code sys}, with PostgreSQL's type names.
 */
final class InformationSchema {
    static final String NAME = "information_schema";
    private static final List<String> SCHEMAS = List.of(WeftSchemas.ODF, WeftSchemas.STATE, WeftSchemas.SYS);

    private InformationSchema() {}

    static Map<String, Table> of(SchemaPlus catalog) {
        return Map.of(
                "schemata", new RowsTable(InformationSchema::schemataType, InformationSchema::schemata),
                "tables", new RowsTable(InformationSchema::tablesType, () -> tables(catalog)),
                "columns", new RowsTable(InformationSchema::columnsType, () -> columns(catalog)));
    }

    private static RelDataType schemataType(RelDataTypeFactory types) {
        return types.builder().add("catalog_name", SqlTypeName.VARCHAR).add("schema_name", SqlTypeName.VARCHAR)
                .add("schema_owner", SqlTypeName.VARCHAR).build();
    }

    private static List<Object[]> schemata() {
        final List<Object[]> rows = new ArrayList<>();
        for (String schema : SCHEMAS) {
            rows.add(new Object[] {WeftSchemas.CATALOG, schema, WeftSchemas.CATALOG});
        }
        rows.add(new Object[] {WeftSchemas.CATALOG, NAME, WeftSchemas.CATALOG});
        return rows;
    }

    private static RelDataType tablesType(RelDataTypeFactory types) {
        return types.builder().add("table_catalog", SqlTypeName.VARCHAR).add("table_schema", SqlTypeName.VARCHAR)
                .add("table_name", SqlTypeName.VARCHAR).add("table_type", SqlTypeName.VARCHAR)
                .add("is_insertable_into", SqlTypeName.VARCHAR).build();
    }

    private static List<Object[]> tables(SchemaPlus catalog) {
        final List<Object[]> rows = new ArrayList<>();
        for (String schema : SCHEMAS) {
            final SchemaPlus tables = catalog.subSchemas().get(schema);
            for (String name : tables.tables().getNames(LikePattern.any())) {
                final Schema.TableType type = tables.tables().get(name).getJdbcTableType();
                rows.add(new Object[] {WeftSchemas.CATALOG, schema, name,
                        type == Schema.TableType.VIEW ? "VIEW" : "BASE TABLE", "NO"});
            }
        }
        return rows;
    }

    private static RelDataType columnsType(RelDataTypeFactory types) {
        return types.builder().add("table_catalog", SqlTypeName.VARCHAR).add("table_schema", SqlTypeName.VARCHAR)
                .add("table_name", SqlTypeName.VARCHAR).add("column_name", SqlTypeName.VARCHAR)
                .add("ordinal_position", SqlTypeName.INTEGER)
                .add("column_default", SqlTypeName.VARCHAR).nullable(true)
                .add("is_nullable", SqlTypeName.VARCHAR)
                .add("data_type", SqlTypeName.VARCHAR)
                .add("character_maximum_length", SqlTypeName.INTEGER).nullable(true)
                .add("numeric_precision", SqlTypeName.INTEGER).nullable(true)
                .add("numeric_scale", SqlTypeName.INTEGER).nullable(true)
                .add("datetime_precision", SqlTypeName.INTEGER).nullable(true)
                .build();
    }

    private static List<Object[]> columns(SchemaPlus catalog) {
        final RelDataTypeFactory types = new JavaTypeFactoryImpl(WeftTypeSystem.INSTANCE);
        final List<Object[]> rows = new ArrayList<>();
        for (String schema : SCHEMAS) {
            final SchemaPlus tables = catalog.subSchemas().get(schema);
            for (String name : tables.tables().getNames(LikePattern.any())) {
                for (RelDataTypeField field : tables.tables().get(name).getRowType(types).getFieldList()) {
                    final RelDataType type = field.getType();
                    final SqlTypeName sqlType = type.getSqlTypeName();
                    rows.add(new Object[] {WeftSchemas.CATALOG, schema, name, field.getName(),
                            field.getIndex() + 1, null, type.isNullable() ? "YES" : "NO", postgresName(sqlType),
                            null,
                            SqlTypeName.NUMERIC_TYPES.contains(sqlType) ? type.getPrecision() : null,
                            sqlType == SqlTypeName.DECIMAL || SqlTypeName.INT_TYPES.contains(sqlType)
                                    ? Math.max(type.getScale(), 0) : null,
                            SqlTypeName.DATETIME_TYPES.contains(sqlType) ? type.getPrecision() : null});
                }
            }
        }
        return rows;
    }

    /** The type names PostgreSQL's {@code information_schema.columns.data_type} uses. */
    static String postgresName(SqlTypeName type) {
        switch (type) {
            case BOOLEAN: return "boolean";
            case TINYINT:
            case SMALLINT: return "smallint";
            case INTEGER: return "integer";
            case BIGINT: return "bigint";
            case DECIMAL: return "numeric";
            case REAL: return "real";
            case FLOAT:
            case DOUBLE: return "double precision";
            case DATE: return "date";
            case TIME: return "time without time zone";
            case TIMESTAMP: return "timestamp without time zone";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return "timestamp with time zone";
            case CHAR:
            case VARCHAR: return "text";
            case BINARY:
            case VARBINARY: return "bytea";
            default: return type.getName().toLowerCase(Locale.ROOT);
        }
    }
}
