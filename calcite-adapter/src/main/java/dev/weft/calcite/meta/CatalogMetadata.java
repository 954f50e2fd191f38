package dev.weft.calcite.meta;

import dev.weft.calcite.ResultTypes;
import dev.weft.calcite.WeftTypeSystem;
import dev.weft.calcite.schema.DamagedTable;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.calcite.schema.WeftSchemas;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The catalog as metadata APIs describe it: one catalog ({@code weft}), schemas {@code odf} and {@code sys}, their
 * tables with SQL column types and primary keys. Flight SQL and JDBC both answer from here, so they always agree.
 */
public final class CatalogMetadata {
    public static final List<String> SCHEMAS = WeftSchemas.NAMES;
    public static final List<String> TABLE_TYPES = List.of("SYSTEM TABLE", "TABLE", "VIEW");

    private CatalogMetadata() {}

    /** Every table of the snapshot, ordered by type, schema and name as JDBC asks. */
    public static List<TableInfo> tables(CatalogSnapshot snapshot) {
        final RelDataTypeFactory types = new JavaTypeFactoryImpl(WeftTypeSystem.INSTANCE);
        final SchemaPlus root = WeftSchemas.root(snapshot, table -> {
            throw new WeftException(ErrorCode.INTERNAL, "metadata does not scan tables");
        });
        final SchemaPlus weft = root.subSchemas().get(WeftSchemas.CATALOG);
        final List<TableInfo> tables = new ArrayList<>();
        for (String schemaName : SCHEMAS) {
            final SchemaPlus schema = weft.subSchemas().get(schemaName);
            for (String name : schema.tables().getNames(LikePattern.any())) {
                final Table table = schema.tables().get(name);
                if (table instanceof DamagedTable) {
                    // No columns to describe; listing it would fail every client's metadata call, not only its own.
                    continue;
                }
                final List<String> key = table instanceof OdfTable odf ? odf.view().primaryKey() : List.of();
                tables.add(new TableInfo(WeftSchemas.CATALOG, schemaName, name, tableType(table),
                        remarks(table), table.getRowType(types), key));
            }
        }
        tables.sort(Comparator.comparing(TableInfo::type).thenComparing(TableInfo::schema)
                .thenComparing(TableInfo::name));
        return tables;
    }

    private static String tableType(Table table) {
        switch (table.getJdbcTableType()) {
            case SYSTEM_TABLE: return "SYSTEM TABLE";
            case VIEW: return "VIEW";
            default: return "TABLE";
        }
    }

    private static String remarks(Table table) {
        if (table.getJdbcTableType() == Schema.TableType.VIEW) {
            return "Current state of the dataset: its changelog folded by primary key";
        }
        if (!(table instanceof OdfTable odf)) {
            return "Weft system table";
        }
        final DatasetView view = odf.view();
        return "ODF " + view.kind().name().toLowerCase(Locale.ROOT) + " dataset " + view.id().toDidString()
                + " at block " + view.head().toMultibase();
    }

    /** The {@link Types java.sql.Types} code of a SQL type, as clients receive its values. */
    public static int jdbcType(RelDataType type) {
        return wireType(type).getJdbcOrdinal();
    }

    /** The type name JDBC tools display, e.g. {@code DECIMAL}, {@code VARCHAR}, {@code TIMESTAMP}. */
    public static String typeName(RelDataType type) {
        return wireType(type).getName();
    }

    /**
     * The type clients receive: intervals, arrays and other types without a faithful Arrow form travel as text
     * ({@link ResultTypes}), so metadata calls them VARCHAR (JDBC drivers fail on interval and array metadata whose
     * values are text).
     */
    private static SqlTypeName wireType(RelDataType type) {
        final SqlTypeName name = type.getSqlTypeName();
        return ResultTypes.arrowType(type) instanceof ArrowType.Utf8 && !SqlTypeName.CHAR_TYPES.contains(name)
                ? SqlTypeName.VARCHAR : name;
    }

    /** Column size as JDBC reports it: precision of numbers and times, maximum length of text; null if unbounded. */
    public static Integer columnSize(RelDataType type) {
        final int precision = type.getPrecision();
        return precision < 0 ? null : precision;
    }

    /** Decimal digits: the scale of decimals, fractional second digits of times, null otherwise. */
    public static Integer decimalDigits(RelDataType type) {
        final int scale = type.getScale();
        return scale == RelDataType.SCALE_NOT_SPECIFIED ? null : scale;
    }
}
