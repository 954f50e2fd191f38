package dev.weft.calcite;

import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.TimeUnit;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL row type of a dataset table: the four ODF system columns (offset BIGINT, op INTEGER, system_time and
 * event_time TIMESTAMP(3), UTC) followed by the data columns of the latest {@code SetDataSchema}.
 *
 * <p>Data columns are always nullable: a non-null ODF type promises less than the optimizer would assume (it would
 * fold {@code IS NULL} away), and older slices may lack a column added later. Nested types (lists, structs, maps)
 * are served as VARCHAR text; see docs/sql.md.
 */
public final class OdfTypes {
    private OdfTypes() {}

    /** The row type of a dataset at the view's head. */
    public static RelDataType rowType(DatasetView view, RelDataTypeFactory types) {
        final RelDataTypeFactory.Builder row = types.builder();
        final DatasetView.SystemColumns system = view.systemColumns();
        row.add(system.offset(), SqlTypeName.BIGINT);
        row.add(system.operationType(), SqlTypeName.INTEGER);
        row.add(system.systemTime(), SqlTypeName.TIMESTAMP, 3);
        row.add(system.eventTime(), types.createTypeWithNullability(
                types.createSqlType(SqlTypeName.TIMESTAMP, 3), eventTimeNullable(view)));
        final Set<String> taken = Set.copyOf(system.names());
        for (DataField field : view.dataFields()) {
            if (!taken.contains(field.name())) {
                row.add(field.name(), types.createTypeWithNullability(sqlType(field.type(), types), true));
            }
        }
        return row.build();
    }

    private static boolean eventTimeNullable(DatasetView view) {
        if (view.schema() == null) {
            return false;
        }
        return view.schema().fields().stream()
                .anyMatch(f -> f.name().equals(view.systemColumns().eventTime()) && f.type() instanceof DataType.Option);
    }

    /** The SQL type of an ODF type. */
    public static RelDataType sqlType(DataType type, RelDataTypeFactory types) {
        if (type instanceof DataType.Option option) {
            return sqlType(option.inner(), types);
        }
        if (type instanceof DataType.Decimal decimal) {
            return types.createSqlType(SqlTypeName.DECIMAL, (int) decimal.precision(), decimal.scale());
        }
        if (type instanceof DataType.UInt64) {
            return types.createSqlType(SqlTypeName.DECIMAL, 20, 0);
        }
        if (type instanceof DataType.Timestamp timestamp) {
            return types.createSqlType(SqlTypeName.TIMESTAMP, precision(timestamp.unit()));
        }
        if (type instanceof DataType.Time time) {
            return types.createSqlType(SqlTypeName.TIME, precision(time.unit()));
        }
        return types.createSqlType(simpleType(type));
    }

    private static SqlTypeName simpleType(DataType type) {
        if (type instanceof DataType.Bool) {
            return SqlTypeName.BOOLEAN;
        }
        if (type instanceof DataType.Int8) {
            return SqlTypeName.TINYINT;
        }
        if (type instanceof DataType.Int16 || type instanceof DataType.UInt8) {
            return SqlTypeName.SMALLINT;
        }
        if (type instanceof DataType.Int32 || type instanceof DataType.UInt16) {
            return SqlTypeName.INTEGER;
        }
        if (type instanceof DataType.Int64 || type instanceof DataType.UInt32) {
            return SqlTypeName.BIGINT;
        }
        if (type instanceof DataType.Float16 || type instanceof DataType.Float32) {
            return SqlTypeName.REAL;
        }
        if (type instanceof DataType.Float64) {
            return SqlTypeName.DOUBLE;
        }
        if (type instanceof DataType.Date) {
            return SqlTypeName.DATE;
        }
        if (type instanceof DataType.Binary) {
            return SqlTypeName.VARBINARY;
        }
        if (type instanceof DataType.Null) {
            return SqlTypeName.NULL;
        }
        return SqlTypeName.VARCHAR;
    }

    private static int precision(TimeUnit unit) {
        switch (unit) {
            case SECOND: return 0;
            case MILLISECOND: return 3;
            case MICROSECOND: return 6;
            default: return 9;
        }
    }
}
