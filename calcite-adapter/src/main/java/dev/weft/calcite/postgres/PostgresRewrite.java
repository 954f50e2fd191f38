package dev.weft.calcite.postgres;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Util;

/**
 * Rewrites PostgreSQL syntax the parser keeps as written into the standard forms Calcite validates, on a copy of the
 * parse tree:
 *
 * <ul>
 *   <li>{@code '1 day'::interval} becomes an interval literal, and every text literal is in the default character set;
 *   <li>{@code +} and {@code -} become {@link PostgresArithmetic} (which knows date arithmetic);
 *   <li>{@code percentile_cont} becomes PostgreSQL's (a double);
 *   <li>{@code TIMESTAMP WITH TIME ZONE} becomes Weft's one timestamp type (see {@link PostgresTypes});
 *   <li>a JDBC escape's function name keeps the case JDBC gives it, rather than folding to lower case;
 *   <li>unnamed result columns get PostgreSQL's names;
 *   <li>{@code WITH RECURSIVE}, which Weft cannot run yet, is refused by name.
 * </ul>
 */
public final class PostgresRewrite extends SqlShuttle {
    private static final PostgresRewrite INSTANCE = new PostgresRewrite();
    /** PostgreSQL's name for a result column it cannot name after a column, a function or a type. */
    private static final String UNNAMED = "?column?";

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
        if (call instanceof SqlSelect select) {
            return named((SqlSelect) super.visit(select));
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

    /**
     * A copy of {@code select} whose unnamed result columns have the names PostgreSQL gives them: a function call
     * its function's name ({@code count}, {@code date_trunc}), a cast of anything but a column the name of what it
     * casts or else of its type, a {@code CASE} "case", anything else but a column "?column?" (Calcite would say
     * {@code EXPR$0}).
     */
    private static SqlSelect named(SqlSelect select) {
        final SqlNodeList items = new SqlNodeList(select.getSelectList().getParserPosition());
        boolean renamed = false;
        for (SqlNode item : select.getSelectList()) {
            final String name = postgresName(item);
            if (name == null) {
                items.add(item);
            } else {
                items.add(SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
                        new SqlIdentifier(name, SqlParserPos.ZERO)));
                renamed = true;
            }
        }
        if (!renamed) {
            return select;
        }
        final SqlSelect copy = (SqlSelect) select.getOperator().createCall(select.getFunctionQuantifier(),
                select.getParserPosition(), select.getOperandList().toArray(SqlNode[]::new));
        copy.setSelectList(items);
        return copy;
    }

    /** The name PostgreSQL gives an unnamed select item, or null when Calcite names it the same way. */
    private static String postgresName(SqlNode item) {
        if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
            return null;
        }
        if (item instanceof SqlCall call) {
            if (call.getKind() == SqlKind.CAST || call.getOperator() == SqlLibraryOperators.INFIX_CAST) {
                // PostgreSQL names the cast of a column after the column; as an explicit alias that name would
                // capture a GROUP BY of the column itself (Babel resolves aliases first), so it keeps Calcite's.
                final SqlNode operand = call.operand(0);
                if (operand instanceof SqlIdentifier) {
                    return null;
                }
                final String inner = postgresName(operand);
                return inner != null && !UNNAMED.equals(inner) ? inner
                        : ((SqlDataTypeSpec) call.operand(1)).getTypeName().getSimple().toLowerCase(Locale.ROOT);
            }
            if (call.getKind() == SqlKind.CASE) {
                return "case";
            }
            if (call.getOperator() instanceof SqlFunction function) {
                return function.getName().toLowerCase(Locale.ROOT);
            }
            if (call.getKind() == SqlKind.FILTER || call.getKind() == SqlKind.WITHIN_GROUP
                    || call.getKind() == SqlKind.OVER) {
                return postgresName(call.operand(0));
            }
        }
        return UNNAMED;
    }

    /** The name inside {@code {fn NAME(...)}}: Calcite finds escapes by their upper-case names only. */
    private static String jdbcName(SqlJdbcFunctionCall escape) {
        final String name = escape.getName();
        return name.startsWith("{fn ") && name.endsWith("}") ? name.substring(4, name.length() - 1) : name;
    }

    /**
     * Text literals of every form ({@code U&'…'} and {@code E'…'} get UTF-16 from Calcite's parser) in the default
     * character set, so that they compare with other text as in PostgreSQL.
     */
    @Override
    public SqlNode visit(SqlLiteral literal) {
        if (literal instanceof SqlCharStringLiteral text && text.getNlsString().getCharsetName() != null
                && !text.getNlsString().getCharsetName().equals(Util.getDefaultCharset().name())) {
            return SqlLiteral.createCharString(text.getNlsString().getValue(), literal.getParserPosition());
        }
        return literal;
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
