package dev.weft.calcite;

import dev.weft.calcite.postgres.PostgresArithmetic;
import dev.weft.calcite.postgres.PostgresFunctions;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversions of SQL calls into row expressions, except that {@code TIMESTAMPDIFF(unit, a, b)} stays one
 * call, which the engine computes with its own function: Calcite expands it into interval arithmetic (a
 * {@code Reinterpret} of a datetime difference) that has no SQL form to hand the engine; and PostgreSQL's date
 * arithmetic ({@link PostgresArithmetic}) is kept as the validator typed it; and {@code round} of a double rounds half
 * to even, as PostgreSQL's does.
 */
final class WeftConvertlets implements SqlRexConvertletTable {
    static final WeftConvertlets INSTANCE = new WeftConvertlets();

    private static final SqlRexConvertlet TIMESTAMP_DIFF = (cx, call) -> {
        final RexBuilder rex = cx.getRexBuilder();
        final SqlIntervalQualifier qualifier = call.operand(0);
        final TimeUnit unit = qualifier.getStartUnit();
        return rex.makeCall(cx.getValidator().getValidatedNodeType(call), SqlStdOperatorTable.TIMESTAMP_DIFF,
                List.of(rex.makeFlag(unit), cx.convertExpression(call.operand(1)),
                        cx.convertExpression(call.operand(2))));
    };

    /** PostgreSQL's date arithmetic as typed by the validator: the engine computes it as written. */
    private static final SqlRexConvertlet AS_VALIDATED = (cx, call) -> cx.getRexBuilder().makeCall(
            cx.getValidator().getValidatedNodeType(call), call.getOperator(),
            call.getOperandList().stream().map(cx::convertExpression).toList());

    /** {@code round(double)} rounds half to even, as in PostgreSQL; {@code round(numeric)} half away from zero. */
    private static final SqlRexConvertlet ROUND = (cx, call) -> {
        final RexNode operand = cx.convertExpression(call.operand(0));
        if (SqlTypeUtil.isApproximateNumeric(operand.getType())) {
            return cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call),
                    PostgresFunctions.ROUND_HALF_EVEN, List.of(operand));
        }
        return StandardConvertletTable.INSTANCE.convertCall(cx, call);
    };

    private WeftConvertlets() {}

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        if (call.getOperator() == SqlStdOperatorTable.TIMESTAMP_DIFF
                && call.operand(0).getKind() == SqlKind.INTERVAL_QUALIFIER) {
            return TIMESTAMP_DIFF;
        }
        if (call.getOperator() == SqlStdOperatorTable.ROUND && call.operandCount() == 1) {
            return ROUND;
        }
        if (call.getOperator() instanceof PostgresArithmetic) {
            return AS_VALIDATED;
        }
        return StandardConvertletTable.INSTANCE.get(call);
    }
}
