package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;

/**
 * Turns the engine's (DuckDB's) error messages into Weft's errors: data errors get the SQLSTATE PostgreSQL gives the
 * same failure, with the engine's advice about its own settings left out; anything else from the engine is a bug in
 * Weft's translation (the validator accepted the query) and is reported as internal, with the engine's message.
 */
final class EngineErrors {
    private EngineErrors() {}

    static SqlException of(String engineMessage, Throwable cause) {
        final String message = firstLine(engineMessage);
        if (message.startsWith("INTERRUPT")) {
            return new SqlException(ErrorCode.CANCELLED, "Query cancelled", 0, 0, cause);
        }
        if (message.contains("Division by zero")) {
            return new SqlException(ErrorCode.SQL_DIVISION_BY_ZERO, withoutAdvice(withoutKind(message)), 0, 0, cause);
        }
        if (message.startsWith("Conversion Error")) {
            final ErrorCode code = message.contains("out of range") || message.contains("Overflow")
                    ? ErrorCode.SQL_OUT_OF_RANGE : ErrorCode.SQL_INVALID_TEXT;
            return new SqlException(code, withoutKind(message), 0, 0, cause);
        }
        if (message.startsWith("Out of Range Error")) {
            return new SqlException(ErrorCode.SQL_OUT_OF_RANGE, withoutKind(message), 0, 0, cause);
        }
        if (message.startsWith("Invalid Input Error")) {
            return new SqlException(ErrorCode.SQL_DATA, withoutKind(message), 0, 0, cause);
        }
        return new SqlException(ErrorCode.INTERNAL, "Query engine failed: " + message, 0, 0, cause);
    }

    private static String withoutKind(String message) {
        final int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    /** DuckDB suggests its own functions and settings ("Use TRY(...)", "SET ..."), which Weft's SQL does not have. */
    private static String withoutAdvice(String message) {
        final int advice = message.indexOf(". Use TRY");
        return advice < 0 ? message : message.substring(0, advice);
    }

    private static String firstLine(String message) {
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
