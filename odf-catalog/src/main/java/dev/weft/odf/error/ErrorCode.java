package dev.weft.odf.error;

/**
 * The one catalogue of user-facing error kinds. Each maps to a SQLSTATE, a gRPC status name and a CLI exit code, so
 * every surface reports the same failure the same way.
 */
public enum ErrorCode {
    /** A command-line or API argument is malformed. */
    INVALID_ARGUMENT("22023", "INVALID_ARGUMENT", 2),
    /** A manifest, block or file does not follow the expected format. */
    INVALID_MANIFEST("22000", "INVALID_ARGUMENT", 3),
    /** Input data rows cannot be read or converted. */
    INVALID_DATA("22000", "INVALID_ARGUMENT", 3),
    /** A named dataset, block or object does not exist. */
    NOT_FOUND("42P01", "NOT_FOUND", 4),
    /** The object to create exists already. */
    ALREADY_EXISTS("42P07", "ALREADY_EXISTS", 5),
    /** Another writer moved the dataset head first; the caller may retry. */
    COMMIT_CONFLICT("40001", "ABORTED", 6),
    /** Stored metadata or data violates an ODF rule or its hash. */
    CORRUPTED("XX001", "DATA_LOSS", 7),
    /** A feature the user asked for is not supported. */
    UNSUPPORTED("0A000", "UNIMPLEMENTED", 8),
    /** The workspace is missing or unusable. */
    WORKSPACE("58030", "FAILED_PRECONDITION", 9),
    /** An I/O operation failed. */
    IO("58030", "UNAVAILABLE", 10),
    /** SQL text that does not parse. */
    SQL_SYNTAX("42601", "INVALID_ARGUMENT", 11),
    /** SQL that names a table or schema that does not exist. */
    SQL_UNDEFINED_TABLE("42P01", "NOT_FOUND", 11),
    /** SQL that names a column that does not exist. */
    SQL_UNDEFINED_COLUMN("42703", "INVALID_ARGUMENT", 11),
    /** SQL that calls a function that does not exist for the given argument types. */
    SQL_UNDEFINED_FUNCTION("42883", "INVALID_ARGUMENT", 11),
    /** SQL whose expression types do not fit (e.g. comparing a date with a number). */
    SQL_TYPE_MISMATCH("42804", "INVALID_ARGUMENT", 11),
    /** Any other SQL that parses but is not valid (ambiguous column, misplaced aggregate, wrong parameter, ...). */
    SQL_INVALID("42000", "INVALID_ARGUMENT", 11),
    /** A query failed on the data it read, for a reason none of the codes below names. */
    SQL_DATA("22000", "INVALID_ARGUMENT", 12),
    /** A query divided by zero. */
    SQL_DIVISION_BY_ZERO("22012", "INVALID_ARGUMENT", 12),
    /** A value read as a number, date or other type is not one ({@code CAST('x' AS INTEGER)}). */
    SQL_INVALID_TEXT("22P02", "INVALID_ARGUMENT", 12),
    /** A value does not fit its type (overflow, a date out of range). */
    SQL_OUT_OF_RANGE("22003", "INVALID_ARGUMENT", 12),
    /** The query was cancelled by its client or by shutdown. */
    CANCELLED("57014", "CANCELLED", 13),
    /** A bug: something that should not happen. */
    INTERNAL("XX000", "INTERNAL", 70);

    private final String sqlState;
    private final String grpcStatus;
    private final int exitCode;

    ErrorCode(String sqlState, String grpcStatus, int exitCode) {
        this.sqlState = sqlState;
        this.grpcStatus = grpcStatus;
        this.exitCode = exitCode;
    }

    public String sqlState() {
        return sqlState;
    }

    /** Name of the {@code io.grpc.Status.Code} to report this error with. */
    public String grpcStatus() {
        return grpcStatus;
    }

    public int exitCode() {
        return exitCode;
    }
}
