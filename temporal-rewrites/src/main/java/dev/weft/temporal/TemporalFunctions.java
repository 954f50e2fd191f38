package dev.weft.temporal;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The markers that carry temporal clauses through Calcite's validator and converter. Calcite knows one temporal
 * clause, {@code FOR SYSTEM_TIME AS OF}, as a {@link SqlSnapshot} whose period must be a TIMESTAMP; Weft's clauses
 * ride on it with a period that is one of these calls (typed TIMESTAMP), and the rewrites ({@link TemporalRewriter})
 * resolve them. None has a value of its own: anywhere else they are an error.
 */
public final class TemporalFunctions {
    /** Event times are milliseconds: a parameter of {@code FOR EVENT_TIME AS OF} is a TIMESTAMP(3). */
    private static final int EVENT_TIME_PRECISION = 3;

    /**
     * {@code WEFT_BLOCK('f1620…')}: a block named by its hash in {@code FOR SYSTEM_TIME AS OF}, resolved against the
     * dataset of the table it applies to.
     */
    public static final SqlFunction BLOCK = new SqlFunction("WEFT_BLOCK", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP), null, OperandTypes.CHARACTER,
            SqlFunctionCategory.SYSTEM);

    /**
     * {@code WEFT_EVENT_TIME(instant)}: {@code FOR EVENT_TIME AS OF instant}, the state projection at an event time.
     * The instant is a TIMESTAMP, a DATE (its midnight) or a string that casts to a TIMESTAMP; it may be a parameter.
     */
    public static final SqlFunction EVENT_TIME = new SqlFunction("WEFT_EVENT_TIME", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP), null, new InstantOperand(), SqlFunctionCategory.SYSTEM);

    /**
     * {@code WEFT_STATE()}: marks where a table of schema {@code state} folds its dataset's changelog, at the event
     * time of an enclosing {@code FOR EVENT_TIME AS OF} if there is one.
     */
    public static final SqlFunction STATE = new SqlFunction("WEFT_STATE", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP), null, OperandTypes.NILADIC, SqlFunctionCategory.SYSTEM);

    public static final SqlOperatorTable OPERATORS = SqlOperatorTables.of(BLOCK, EVENT_TIME, STATE);

    private TemporalFunctions() {}

    /**
     * A TIMESTAMP, a DATE or a string, checked without implicit coercion: a number is an error rather than an
     * instant.
     */
    private static final class InstantOperand implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            final SqlNode operand = binding.operand(0);
            if (operand.getKind() == SqlKind.DYNAMIC_PARAM) {
                binding.getValidator().setValidatedNodeType(operand, binding.getTypeFactory()
                        .createTypeWithNullability(binding.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP,
                                EVENT_TIME_PRECISION), true));
                return true;
            }
            final RelDataType type = binding.getOperandType(0);
            final boolean instant = SqlTypeUtil.isTimestamp(type) || type.getSqlTypeName() == SqlTypeName.DATE
                    || SqlTypeUtil.inCharFamily(type) || type.getSqlTypeName() == SqlTypeName.NULL;
            if (!instant && throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return instant;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.of(1);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(<TIMESTAMP>)";
        }
    }

    /**
     * The parse tree of {@code tableRef FOR SYSTEM_TIME AS OF systemTime FOR EVENT_TIME AS OF eventTime} (either
     * clause may be null, not both): the event-time snapshot encloses the system-time one.
     *
     * @param eventTime a call of {@link #EVENT_TIME}, or null
     */
    public static SqlNode asOf(SqlParserPos pos, SqlNode tableRef, SqlNode systemTime, SqlNode eventTime) {
        SqlNode node = tableRef;
        if (systemTime != null) {
            node = new SqlSnapshot(pos, node, systemTime);
        }
        if (eventTime != null) {
            node = new SqlSnapshot(pos, node, eventTime);
        }
        return node;
    }
}
