package dev.weft.calcite;

import dev.weft.odf.error.ErrorCode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Turns Calcite's parse and validation failures into {@link SqlException}s with a SQLSTATE and a position. */
final class SqlErrors {
    private static final int MAX_EXPECTED = 8;
    private static final Pattern DISTINCT_BEFORE = Pattern.compile("(?i)\\bDISTINCT\\s*$");
    private static final Pattern SELF_REFERENCE = Pattern.compile(
            "The definition of column '([^']*)' depends on itself through the following columns: '\\1'");
    private static final Pattern NOT_TEMPORAL = Pattern.compile(
            "Table '([^']*)' is not a temporal table, can not be queried in system time period specification");
    private static final Pattern EVENT_TIME_TYPE = Pattern.compile(
            "(?s)Cannot apply 'WEFT_EVENT_TIME' to arguments of type 'WEFT_EVENT_TIME\\(<(.*)>\\)'.*");

    private SqlErrors() {}

    static SqlException syntax(SqlParseException e, String sql) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return new SqlException(ErrorCode.STATEMENT_TOO_COMPLEX, "The statement is nested too deeply to parse; "
                        + "simplify it", 0, 0, e);
            }
        }
        final SqlParserPos pos = e.getPos();
        final int line = pos == null ? 0 : pos.getLineNum();
        final int column = pos == null ? 0 : pos.getColumnNum();
        if (line > 0 && DISTINCT_BEFORE.matcher(textBefore(sql, line, column)).find()
                && sql.lines().skip(line - 1).findFirst().orElse("").regionMatches(true, column - 1, "ON", 0, 2)) {
            return new SqlException(ErrorCode.UNSUPPORTED, "DISTINCT ON is not supported; rank the rows instead, as in "
                    + "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY key ORDER BY …) AS n FROM t) "
                    + "WHERE n = 1"
                    + " (at line " + line + ", column " + column + ")", line, column, e);
        }
        final String message = e.getMessage() == null ? "Syntax error" : e.getMessage();
        final String first = firstLine(message);
        final String expected = expected(e);
        final String where = line > 0 && !first.contains("at line ") ? " (at line " + line + ", column " + column + ")"
                : "";
        return new SqlException(ErrorCode.SQL_SYNTAX, "Syntax error: " + stripPeriod(first) + where
                + (expected.isEmpty() ? "" : "; expected one of " + expected), line, column, e);
    }

    static SqlException validation(CalciteContextException e) {
        final String cause = plainer(e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage());
        return new SqlException(classify(cause), cause + " (at line " + e.getPosLine() + ", column "
                + e.getPosColumn() + ")", e.getPosLine(), e.getPosColumn(), e);
    }

    static SqlException unpositioned(RuntimeException e) {
        final String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new SqlException(classify(message), message, 0, 0, e);
    }

    /**
     * Says in Weft's terms what Calcite says in its own: Babel's conformance lets a select item refer to another
     * item's alias, so an unknown column is first looked up as an alias and reported as a cycle (users need to hear
     * that the column does not exist); Calcite knows only FOR SYSTEM_TIME, and Weft's FOR EVENT_TIME rides on it.
     */
    private static String plainer(String message) {
        final Matcher cycle = SELF_REFERENCE.matcher(message);
        if (cycle.matches()) {
            return "Column '" + cycle.group(1) + "' not found in any table";
        }
        final Matcher notTemporal = NOT_TEMPORAL.matcher(message);
        if (notTemporal.matches()) {
            return "FOR SYSTEM_TIME AS OF and FOR EVENT_TIME AS OF apply to ODF datasets (schemas odf and state); '"
                    + notTemporal.group(1) + "' is not one";
        }
        final Matcher eventTimeType = EVENT_TIME_TYPE.matcher(message);
        if (eventTimeType.matches()) {
            return "FOR EVENT_TIME AS OF needs a TIMESTAMP, a DATE or a string, got " + eventTimeType.group(1);
        }
        return message;
    }

    private static ErrorCode classify(String message) {
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return ErrorCode.SQL_UNDEFINED_TABLE;
        }
        if (message.startsWith("Column '") && message.contains("not found")) {
            return ErrorCode.SQL_UNDEFINED_COLUMN;
        }
        if (message.startsWith("No match found for function signature")) {
            return ErrorCode.SQL_UNDEFINED_FUNCTION;
        }
        if (message.startsWith("Cannot apply") || message.contains("Cannot assign")
                || message.startsWith("FOR EVENT_TIME AS OF needs a")
                || message.startsWith("Cast function cannot convert")) {
            return ErrorCode.SQL_TYPE_MISMATCH;
        }
        return ErrorCode.SQL_INVALID;
    }

    private static String expected(SqlParseException e) {
        if (e.getExpectedTokenNames() == null || e.getExpectedTokenNames().isEmpty()) {
            return "";
        }
        final StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String token : e.getExpectedTokenNames()) {
            if (token.startsWith("<") || shown == MAX_EXPECTED) {
                continue;
            }
            out.append(shown == 0 ? "" : ", ").append(token);
            shown++;
        }
        final int hidden = e.getExpectedTokenNames().size() - shown;
        return shown == 0 ? "" : out + (hidden > 0 ? " (and " + hidden + " more)" : "");
    }

    /** The SQL text before line {@code line}, column {@code column} (both from 1). */
    private static String textBefore(String sql, int line, int column) {
        final List<String> lines = sql.lines().toList();
        if (line > lines.size()) {
            return sql;
        }
        final String current = lines.get(line - 1);
        return String.join("\n", lines.subList(0, line - 1)) + "\n"
                + current.substring(0, Math.min(Math.max(column - 1, 0), current.length()));
    }

    private static String firstLine(String message) {
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String stripPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
