package dev.weft.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * How each SQL result type travels: its Arrow type on the wire and the engine type a result column is cast to so that
 * its values have exactly that Arrow type. Types without a faithful Arrow form (intervals, nested and unknown types)
 * are sent as text.
 */
public final class ResultTypes {
    private ResultTypes() {}

    /** The Arrow schema of a result row type. */
    public static Schema arrowSchema(RelDataType rowType) {
        final List<Field> fields = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            fields.add(arrowField(field.getName(), field.getType()));
        }
        return new Schema(fields);
    }

    /** The Arrow field of one column. */
    public static Field arrowField(String name, RelDataType type) {
        return new Field(name, new FieldType(type.isNullable(), arrowType(type), null), null);
    }

    /** The Arrow type of a SQL type. */
    public static ArrowType arrowType(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case BOOLEAN: return ArrowType.Bool.INSTANCE;
            case TINYINT: return new ArrowType.Int(8, true);
            case SMALLINT: return new ArrowType.Int(16, true);
            case INTEGER: return new ArrowType.Int(32, true);
            case BIGINT: return new ArrowType.Int(64, true);
            case DECIMAL: return new ArrowType.Decimal(type.getPrecision(), type.getScale(), 128);
            case REAL: return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT:
            case DOUBLE: return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DATE: return new ArrowType.Date(DateUnit.DAY);
            case TIME: return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP: return new ArrowType.Timestamp(timestampUnit(type), null);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return new ArrowType.Timestamp(timestampUnit(type), "UTC");
            case BINARY:
            case VARBINARY: return ArrowType.Binary.INSTANCE;
            default: return ArrowType.Utf8.INSTANCE;
        }
    }

    /** The engine (DuckDB) type a result column of this SQL type is cast to. */
    public static String engineType(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case BOOLEAN: return "BOOLEAN";
            case TINYINT: return "TINYINT";
            case SMALLINT: return "SMALLINT";
            case INTEGER: return "INTEGER";
            case BIGINT: return "BIGINT";
            case DECIMAL: return "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")";
            case REAL: return "FLOAT";
            case FLOAT:
            case DOUBLE: return "DOUBLE";
            case DATE: return "DATE";
            case TIME: return "TIME";
            case TIMESTAMP: return timestampUnit(type) == TimeUnit.MILLISECOND ? "TIMESTAMP_MS" : "TIMESTAMP";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return "TIMESTAMPTZ";
            case BINARY:
            case VARBINARY: return "BLOB";
            default: return "VARCHAR";
        }
    }

    private static TimeUnit timestampUnit(RelDataType type) {
        return type.getPrecision() <= 3 ? TimeUnit.MILLISECOND : TimeUnit.MICROSECOND;
    }
}
