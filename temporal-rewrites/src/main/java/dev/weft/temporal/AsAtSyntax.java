package dev.weft.temporal;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites the parsed statement so that {@code FOR SYSTEM_TIME AS OF '<block hash>'} validates: the string period
 * becomes {@code WEFT_BLOCK('<block hash>')}. A tree rewrite of the parsed statement, so it applies wherever a table
 * reference stands (joins, sub-queries, CTEs).
 */
public final class AsAtSyntax {
    /** Position of the period among a {@link SqlSnapshot}'s operands (table, period). */
    private static final int PERIOD_OPERAND = 1;

    private AsAtSyntax() {}

    public static SqlNode rewrite(SqlNode statement) {
        return statement.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                final SqlNode visited = super.visit(call);
                if (visited instanceof SqlSnapshot snapshot && snapshot.getPeriod() instanceof SqlLiteral literal
                        && SqlTypeName.CHAR_TYPES.contains(literal.getTypeName())) {
                    snapshot.setOperand(PERIOD_OPERAND,
                            TemporalFunctions.BLOCK.createCall(literal.getParserPosition(), literal));
                }
                return visited;
            }
        });
    }
}
