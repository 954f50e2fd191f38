package dev.weft.calcite;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;

/**
 * A query that failed, with where in the SQL text the fault is (1-based; 0 when unknown). The message already names
 * the position; the numbers are for clients that highlight it.
 */
public final class SqlException extends WeftException {
    private final int line;
    private final int column;

    public SqlException(ErrorCode code, String message, int line, int column, Throwable cause) {
        super(code, message, cause);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
