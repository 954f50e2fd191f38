package dev.weft.odf.error;

/**
 * The one catalogue of user-facing error kinds. Each maps to a SQLSTATE and a CLI exit code here, and to a status
 * code in each protocol front end by an exhaustive {@code switch} over this enum (so a new kind that a front end does
 * not map fails to compile), so every surface reports the same failure the same way.
 */
public enum ErrorCode {
    /** A command-line or API argument is malformed. */
    INVALID_ARGUMENT("22023", 2),
    /** A manifest, block or file does not follow the expected format. */
    INVALID_MANIFEST("22000", 3),
    /** Input data rows cannot be read or converted. */
    INVALID_DATA("22000", 3),
    /** A named dataset, block or object does not exist. */
    NOT_FOUND("42P01", 4),
    /** The object to create exists already. */
    ALREADY_EXISTS("42P07", 5),
    /** Another writer moved the dataset head first; the caller may retry. */
    COMMIT_CONFLICT("40001", 6),
    /** Stored metadata or data violates an ODF rule or its hash. */
    CORRUPTED("XX001", 7),
    /** A feature the user asked for is not supported. */
    UNSUPPORTED("0A000", 8),
    /** The workspace is missing or unusable. */
    WORKSPACE("58030", 9),
    /** An I/O operation failed. */
    IO("58030", 10),
    /** SQL text that does not parse. */
    SQL_SYNTAX("42601", 11),
    /** SQL that names a table or schema that does not exist. */
    SQL_UNDEFINED_TABLE("42P01", 11),
    /** SQL that names a column that does not exist. */
    SQL_UNDEFINED_COLUMN("42703", 11),
    /** SQL that calls a function that does not exist for the given argument types. */
    SQL_UNDEFINED_FUNCTION("42883", 11),
    /** SQL whose expression types do not fit (e.g. comparing a date with a number). */
    SQL_TYPE_MISMATCH("42804", 11),
    /** Any other SQL that parses but is not valid (ambiguous column, misplaced aggregate, wrong parameter, ...). */
    SQL_INVALID("42000", 11),
    /** SQL nested too deeply to plan (thousands of ORs, sub-queries within sub-queries). */
    STATEMENT_TOO_COMPLEX("54001", 11),
    /** A query failed on the data it read, for a reason none of the codes below names. */
    SQL_DATA("22000", 12),
    /** A query divided by zero. */
    SQL_DIVISION_BY_ZERO("22012", 12),
    /** A value read as a number, date or other type is not one ({@code CAST('x' AS INTEGER)}). */
    SQL_INVALID_TEXT("22P02", 12),
    /** A value does not fit its type (overflow, a date out of range). */
    SQL_OUT_OF_RANGE("22003", 12),
    /** The query was cancelled by its client or by shutdown. */
    CANCELLED("57014", 13),
    /** The server ran out of memory while answering (a query too large for the memory it was given). */
    OUT_OF_MEMORY("53200", 14),
    /** A bug: something that should not happen. */
    INTERNAL("XX000", 70);

    private final String sqlState;
    private final int exitCode;

    ErrorCode(String sqlState, int exitCode) {
        this.sqlState = sqlState;
        this.exitCode = exitCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public int exitCode() {
        return exitCode;
    }
}
