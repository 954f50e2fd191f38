package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.calcite.postgres.PostgresDateFormats;
import dev.weft.calcite.postgres.PostgresFunctions;
import dev.weft.odf.error.ErrorCode;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * The translation of Weft's SQL functions and operators into the engine's (DuckDB's) SQL, one row per operator whose
 * engine form differs from what Calcite's DuckDB dialect writes. Operators that are absent are written by that
 * dialect; {@link #SAME} marks the ones checked to mean the same in the engine under the same name.
 */
final class EngineFunctions {
    /** The engine function of the same name and arguments computes the same result. */
    private static final Rendering SAME = (writer, call) -> call.getOperator().unparse(writer, call, 0, 0);

    private static final Set<String> DATE_TRUNC_UNITS = Set.of("microseconds", "milliseconds", "second", "minute",
            "hour", "day", "week", "month", "quarter", "year", "decade", "century", "millennium");
    /** Aggregates the engine orders by an {@code ORDER BY} inside their arguments, not by {@code WITHIN GROUP}. */
    private static final Set<String> INLINE_ORDERED = Set.of("LISTAGG", "STRING_AGG", "ARRAY_AGG");

    private static final Map<SqlOperator, Rendering> TABLE = table();

    private EngineFunctions() {}

    private static Map<SqlOperator, Rendering> table() {
        final Map<SqlOperator, Rendering> table = new IdentityHashMap<>();
        table.put(PostgresFunctions.DATE_TRUNC, (writer, call) -> {
            final SqlNode unit = call.operand(0);
            if (unit instanceof SqlCharStringLiteral literal
                    && !DATE_TRUNC_UNITS.contains(text(literal).toLowerCase(Locale.ROOT))) {
                throw invalid(call, "date_trunc does not know the unit '" + text(literal) + "'; units: "
                        + String.join(", ", DATE_TRUNC_UNITS.stream().sorted().toList()));
            }
            function(writer, "date_trunc", unit, cast(call.operand(1), "TIMESTAMP"));
        });
        table.put(PostgresFunctions.NOW,
                (writer, call) -> writer.print("make_timestamp(epoch_us(get_current_timestamp()))"));
        table.put(PostgresFunctions.MAKE_DATE, (writer, call) -> function(writer, "make_date",
                cast(call.operand(0), "BIGINT"), cast(call.operand(1), "BIGINT"), cast(call.operand(2), "BIGINT")));
        table.put(PostgresFunctions.MAKE_TIMESTAMP, (writer, call) -> function(writer, "make_timestamp",
                cast(call.operand(0), "BIGINT"), cast(call.operand(1), "BIGINT"), cast(call.operand(2), "BIGINT"),
                cast(call.operand(3), "BIGINT"), cast(call.operand(4), "BIGINT"), cast(call.operand(5), "DOUBLE")));
        table.put(PostgresFunctions.TO_CHAR, (writer, call) -> function(writer, "strftime",
                cast(call.operand(0), "TIMESTAMP"), strftime(call, call.operand(1))));
        table.put(PostgresFunctions.TO_TIMESTAMP, (writer, call) -> {
            if (call.operandCount() == 1) {
                writer.print("make_timestamp(CAST(round(CAST(");
                call.operand(0).unparse(writer, 0, 0);
                writer.print(" AS DOUBLE) * 1000000) AS BIGINT))");
            } else {
                function(writer, "strptime", call.operand(0), strftime(call, call.operand(1)));
            }
        });
        table.put(PostgresFunctions.TO_DATE, (writer, call) -> {
            writer.print("CAST(");
            function(writer, "strptime", call.operand(0), strftime(call, call.operand(1)));
            writer.print(" AS DATE)");
        });
        table.put(PostgresFunctions.STRFTIME, (writer, call) -> function(writer, "strftime",
                cast(call.operand(0), "TIMESTAMP"), call.operand(1)));
        table.put(PostgresFunctions.TRUNC, SAME);
        table.put(PostgresFunctions.ROUND_HALF_EVEN, (writer, call) -> function(writer, "round_even", call.operand(0),
                SqlLiteral.createExactNumeric("0", call.getParserPosition())));
        table.put(PostgresFunctions.MEDIAN, SAME);
        table.put(PostgresFunctions.CORR, SAME);
        table.put(PostgresFunctions.PERCENTILE_CONT, SAME);
        table.put(PostgresFunctions.JSON_GET, SAME);
        table.put(PostgresFunctions.JSON_GET_TEXT, SAME);
        table.put(SqlLibraryOperators.TRY_CAST, SAME);
        table.put(SqlLibraryOperators.MAX_BY, SAME);
        table.put(SqlLibraryOperators.MIN_BY, SAME);
        table.put(SqlLibraryOperators.REVERSE, SAME);
        // DuckDB's `~` matches the whole string; PostgreSQL's, like regexp_matches, any part of it.
        table.put(SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE, (writer, call) -> regex(writer, call, false, ""));
        table.put(SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE, (writer, call) -> regex(writer, call, false, "i"));
        table.put(SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE,
                (writer, call) -> regex(writer, call, true, ""));
        table.put(SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE,
                (writer, call) -> regex(writer, call, true, "i"));
        table.put(SqlLibraryOperators.REGEXP_LIKE, (writer, call) -> function(writer, "regexp_matches",
                call.getOperandList().toArray(SqlNode[]::new)));
        table.put(SqlStdOperatorTable.WITHIN_GROUP, EngineFunctions::withinGroup);
        // PostgreSQL's LIKE escapes with a backslash unless told otherwise; DuckDB's has no escape by default. A
        // constant pattern without a backslash means the same either way and keeps DuckDB's faster plain LIKE.
        for (SqlOperator like : List.of(SqlStdOperatorTable.LIKE, SqlStdOperatorTable.NOT_LIKE,
                SqlLibraryOperators.ILIKE, SqlLibraryOperators.NOT_ILIKE)) {
            table.put(like, (writer, call) -> {
                final boolean plain = call.operandCount() == 3
                        || call.operand(1) instanceof SqlCharStringLiteral pattern && text(pattern).indexOf('\\') < 0;
                final SqlCall escaped = plain ? call : call.getOperator().createCall(call.getParserPosition(),
                        call.operand(0), call.operand(1), SqlLiteral.createCharString("\\", call.getParserPosition()));
                escaped.getOperator().unparse(writer, escaped, 0, 0);
            });
        }
        // The number of whole units from the first to the second: DuckDB's date_sub (its date_diff counts the unit
        // boundaries crossed instead).
        table.put(SqlStdOperatorTable.TIMESTAMP_DIFF, (writer, call) -> {
            final TimeUnit unit = ((SqlLiteral) call.operand(0)).getValueAs(TimeUnit.class);
            function(writer, "date_sub", SqlLiteral.createCharString(unit.name().toLowerCase(Locale.ROOT),
                    call.getParserPosition()), cast(call.operand(1), "TIMESTAMP"), cast(call.operand(2), "TIMESTAMP"));
        });
        return table;
    }

    /** Writes {@code call} in the engine's SQL if this table has a row for its operator; false otherwise. */
    static boolean unparse(SqlWriter writer, SqlCall call) {
        final Rendering rendering = TABLE.get(call.getOperator());
        if (rendering == null) {
            return false;
        }
        rendering.render(writer, call);
        return true;
    }

    private static void regex(SqlWriter writer, SqlCall call, boolean negated, String flags) {
        writer.print(negated ? "(NOT " : "(");
        if (flags.isEmpty()) {
            function(writer, "regexp_matches", call.operand(0), call.operand(1));
        } else {
            function(writer, "regexp_matches", call.operand(0), call.operand(1),
                    SqlCharStringLiteral.createCharString(flags, call.getParserPosition()));
        }
        writer.print(")");
    }

    /**
     * An ordered aggregate as the engine writes it: {@code string_agg(x, ',' ORDER BY y)} for the aggregates that take
     * their order inside (Calcite writes {@code WITHIN GROUP} for all), and a {@code FILTER} after the
     * {@code WITHIN GROUP} (Calcite writes it before).
     */
    private static void withinGroup(SqlWriter writer, SqlCall call) {
        SqlCall aggregate = call.operand(0);
        SqlNode filter = null;
        if (aggregate.getKind() == SqlKind.FILTER) {
            filter = aggregate.operand(1);
            aggregate = aggregate.operand(0);
        }
        if (INLINE_ORDERED.contains(aggregate.getOperator().getName())) {
            final String name = aggregate.getOperator().getName().equals("ARRAY_AGG") ? "array_agg" : "string_agg";
            final SqlWriter.Frame frame = writer.startFunCall(name);
            if (aggregate.getFunctionQuantifier() != null) {
                aggregate.getFunctionQuantifier().unparse(writer, 0, 0);
            }
            for (SqlNode operand : aggregate.getOperandList()) {
                writer.sep(",");
                operand.unparse(writer, 0, 0);
            }
            orderBy(writer, call.operand(1));
            writer.endFunCall(frame);
        } else {
            aggregate.unparse(writer, 0, 0);
            writer.keyword("WITHIN GROUP");
            final SqlWriter.Frame frame = writer.startList("(", ")");
            orderBy(writer, call.operand(1));
            writer.endList(frame);
        }
        if (filter != null) {
            writer.keyword("FILTER");
            final SqlWriter.Frame frame = writer.startList("(", ")");
            writer.keyword("WHERE");
            filter.unparse(writer, 0, 0);
            writer.endList(frame);
        }
    }

    private static void orderBy(SqlWriter writer, SqlNodeList keys) {
        writer.keyword("ORDER BY");
        final SqlWriter.Frame list = writer.startList("", "");
        for (SqlNode key : keys) {
            writer.sep(",");
            key.unparse(writer, 0, 0);
        }
        writer.endList(list);
    }

    private static SqlNode strftime(SqlCall call, SqlNode template) {
        if (!(template instanceof SqlCharStringLiteral literal)) {
            throw invalid(call, call.getOperator().getName().toLowerCase(Locale.ROOT)
                    + " needs its format as a constant string");
        }
        try {
            return SqlCharStringLiteral.createCharString(PostgresDateFormats.toStrftime(text(literal)),
                    literal.getParserPosition());
        } catch (IllegalArgumentException e) {
            throw invalid(call, "Cannot use the format '" + text(literal) + "' in "
                    + call.getOperator().getName().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
        }
    }

    private static SqlNode cast(SqlNode operand, String engineType) {
        final SqlParserPos pos = operand.getParserPosition();
        return SqlStdOperatorTable.CAST.createCall(pos, operand, new SqlDataTypeSpec(
                new SqlAlienSystemTypeNameSpec(engineType, SqlTypeName.ANY, pos), pos));
    }

    private static void function(SqlWriter writer, String name, SqlNode... operands) {
        final SqlWriter.Frame frame = writer.startFunCall(name);
        for (SqlNode operand : operands) {
            writer.sep(",");
            operand.unparse(writer, 0, 0);
        }
        writer.endFunCall(frame);
    }

    private static String text(SqlCharStringLiteral literal) {
        return literal.getValueAs(NlsString.class).getValue();
    }

    private static SqlException invalid(SqlCall call, String message) {
        return new SqlException(ErrorCode.SQL_INVALID, message, call.getParserPosition().getLineNum(),
                call.getParserPosition().getColumnNum(), null);
    }

    /** How one operator is written in the engine's SQL. */
    @FunctionalInterface
    private interface Rendering {
        void render(SqlWriter writer, SqlCall call);
    }
}
