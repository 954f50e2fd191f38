package dev.weft.calcite;

import dev.weft.calcite.postgres.PostgresTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Type rules that match what the execution engine computes, so that the types Calcite announces before a query runs
 * are the types of the values it returns: decimals up to 38 digits, {@code SUM} widened to the maximum precision
 * (integers to BIGINT) rather than kept at the argument's, and {@code AVG} of any number as DOUBLE (Calcite would keep
 * the argument type and truncate an average of integers).
 */
public final class WeftTypeSystem extends RelDataTypeSystemImpl {
    public static final WeftTypeSystem INSTANCE = new WeftTypeSystem();

    private static final int MAX_DECIMAL = 38;

    private WeftTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
    }

    /**
     * Text of different lengths from the branches of a {@code CASE} or a {@code UNION} is text, as in PostgreSQL,
     * not a {@code CHAR} padded with blanks to the longest ({@code CASE … THEN 'big' ELSE 'small' END} gives
     * {@code 'big'}, not {@code 'big  '}).
     */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    /** A timestamp without a precision has Weft's: milliseconds, as ODF's system and event times. */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.TIMESTAMP ? PostgresTypes.TIMESTAMP_PRECISION
                : super.getDefaultPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        final RelDataType widened;
        if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            widened = typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, argumentType.getScale());
        } else if (SqlTypeUtil.isExactNumeric(argumentType)) {
            widened = typeFactory.createSqlType(SqlTypeName.BIGINT);
        } else if (SqlTypeUtil.isApproximateNumeric(argumentType)) {
            widened = typeFactory.createSqlType(SqlTypeName.DOUBLE);
        } else {
            return super.deriveSumType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(widened, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (SqlTypeUtil.isNumeric(argumentType)) {
            return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
                    argumentType.isNullable());
        }
        return super.deriveAvgAggType(typeFactory, argumentType);
    }
}
