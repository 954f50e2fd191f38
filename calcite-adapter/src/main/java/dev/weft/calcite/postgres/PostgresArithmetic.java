package dev.weft.calcite.postgres;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's date arithmetic on top of standard {@code +} and {@code -}: {@code date - date} is the number of days
 * between them, {@code date + n} and {@code date - n} move by days, {@code date ± interval} is a timestamp (standard
 * SQL keeps a date), and {@code timestamp - timestamp} is an interval.
 * Standard SQL has none of these, so Calcite refuses them. The parser's {@code +} and {@code -} become these operators
 * before validation; a call whose operands are not one of these cases turns back into the standard operator and is
 * validated as such.
 */
public final class PostgresArithmetic extends SqlBinaryOperator {
    public static final PostgresArithmetic PLUS = new PostgresArithmetic(SqlStdOperatorTable.PLUS);
    public static final PostgresArithmetic MINUS = new PostgresArithmetic(SqlStdOperatorTable.MINUS);

    private final SqlBinaryOperator standard;

    private PostgresArithmetic(SqlBinaryOperator standard) {
        super(standard.getName(), standard.getKind(), standard.getLeftPrec(), true, null, InferTypes.FIRST_KNOWN,
                null);
        this.standard = standard;
    }

    /** The PostgreSQL form of the standard {@code operator}, or null when it has none. */
    public static PostgresArithmetic of(SqlBinaryOperator operator) {
        return operator == SqlStdOperatorTable.PLUS ? PLUS : operator == SqlStdOperatorTable.MINUS ? MINUS : null;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        final RelDataType left = validator.deriveType(scope, call.operand(0));
        final RelDataType right = validator.deriveType(scope, call.operand(1));
        final RelDataType type = resultType(validator.getTypeFactory(), left, right);
        if (type == null) {
            ((SqlBasicCall) call).setOperator(standard);
            return standard.deriveType(validator, scope, call);
        }
        return type;
    }

    @Override
    public RelDataType inferReturnType(SqlOperatorBinding binding) {
        final RelDataType type = resultType(binding.getTypeFactory(), binding.getOperandType(0),
                binding.getOperandType(1));
        return type != null ? type : standard.inferReturnType(binding);
    }

    /** The type of {@code left op right} when it is one of PostgreSQL's date cases, else null. */
    private RelDataType resultType(RelDataTypeFactory types, RelDataType left, RelDataType right) {
        final SqlTypeName l = left.getSqlTypeName();
        final SqlTypeName r = right.getSqlTypeName();
        final boolean nullable = left.isNullable() || right.isNullable();
        final RelDataType type;
        if (this == MINUS && l == SqlTypeName.DATE && r == SqlTypeName.DATE) {
            type = types.createSqlType(SqlTypeName.INTEGER);
        } else if (this == MINUS && l == SqlTypeName.TIMESTAMP && r == SqlTypeName.TIMESTAMP) {
            type = types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, 9, TimeUnit.SECOND, 6,
                    SqlParserPos.ZERO));
        } else if (l == SqlTypeName.DATE && SqlTypeUtil.isInterval(right)
                || this == PLUS && SqlTypeUtil.isInterval(left) && r == SqlTypeName.DATE) {
            type = types.createSqlType(SqlTypeName.TIMESTAMP, PostgresTypes.TIMESTAMP_PRECISION);
        } else if (l == SqlTypeName.DATE && SqlTypeUtil.isIntType(right)
                || this == PLUS && SqlTypeUtil.isIntType(left) && r == SqlTypeName.DATE) {
            type = types.createSqlType(SqlTypeName.DATE);
        } else {
            return null;
        }
        return types.createTypeWithNullability(type, nullable);
    }
}
