package dev.weft.calcite.postgres;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.NlsString;

/**
 * Rewrites PostgreSQL syntax the parser keeps as written into the standard forms Calcite validates, on a copy of the
 * parse tree: {@code '1 day'::interval} becomes an interval literal, {@code +} and {@code -} PostgreSQL's
 * {@link PostgresArithmetic} (which knows date arithmetic), {@code percentile_cont} PostgreSQL's (a double), and {@code TIMESTAMP WITH TIME ZONE} Weft's one
 * timestamp type (see {@link PostgresTypes}); and a JDBC escape's function name keeps the case JDBC gives it, rather than
 * folding to lower case like an identifier.
 */
public final class PostgresRewrite extends SqlShuttle {
    private static final PostgresRewrite INSTANCE = new PostgresRewrite();

    private PostgresRewrite() {}

    /** {@code node} in standard form; {@code node} itself is not changed. */
    public static SqlNode apply(SqlNode node) {
        return node.accept(INSTANCE);
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call instanceof SqlWithItem item && item.recursive.booleanValue()) {
            final int line = call.getParserPosition().getLineNum();
            final int column = call.getParserPosition().getColumnNum();
            throw new SqlException(ErrorCode.UNSUPPORTED, "WITH RECURSIVE is not supported yet (at line " + line
                    + ", column " + column + ")", line, column, null);
        }
        if (call.getOperator() == PostgresIntervals.CAST_TO_INTERVAL) {
            final SqlNode operand = call.operand(0);
            if (operand instanceof SqlLiteral literal && literal.getValue() instanceof NlsString text) {
                return PostgresIntervals.literal(call.getParserPosition(), 1, text.getValue());
            }
            final int line = call.getParserPosition().getLineNum();
            final int column = call.getParserPosition().getColumnNum();
            throw new SqlException(ErrorCode.SQL_INVALID, "::interval applies to a string literal such as '1 day'; "
                    + "for a computed number of units multiply one: n * INTERVAL '1 day' (at line " + line
                    + ", column " + column + ")", line, column, null);
        }
        if (call.getOperator() instanceof SqlBinaryOperator binary && PostgresArithmetic.of(binary) != null) {
            final SqlCall copy = (SqlCall) super.visit(call);
            return PostgresArithmetic.of(binary).createCall(copy.getParserPosition(), copy.getOperandList());
        }
        if (call.getOperator() == SqlStdOperatorTable.PERCENTILE_CONT) {
            final SqlCall copy = (SqlCall) super.visit(call);
            return PostgresFunctions.PERCENTILE_CONT.createCall(copy.getFunctionQuantifier(),
                    copy.getParserPosition(), copy.getOperandList());
        }
        if (call.getOperator() instanceof SqlJdbcFunctionCall escape) {
            final String name = jdbcName(escape);
            final String upper = name.toUpperCase(Locale.ROOT);
            if (!name.equals(upper)) {
                return super.visit(new SqlJdbcFunctionCall(upper).createCall(call.getParserPosition(),
                        call.getOperandList()));
            }
        }
        return super.visit(call);
    }

    /** The name inside {@code {fn NAME(...)}}: Calcite finds escapes by their upper-case names only. */
    private static String jdbcName(SqlJdbcFunctionCall escape) {
        final String name = escape.getName();
        return name.startsWith("{fn ") && name.endsWith("}") ? name.substring(4, name.length() - 1) : name;
    }

    @Override
    public SqlNode visit(SqlDataTypeSpec type) {
        if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
            final SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple());
            if (name == SqlTypeName.TIMESTAMP_TZ || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP,
                        PostgresTypes.TIMESTAMP_PRECISION, basic.getParserPos()), type.getParserPosition());
            }
        }
        return type;
    }
}
