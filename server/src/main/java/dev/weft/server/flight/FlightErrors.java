package dev.weft.server.flight;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Turns Weft errors into gRPC statuses: the status code from {@link #statusOf}, the message with its SQLSTATE, and
 * the SQLSTATE and SQL position also as trailers ({@code x-weft-sqlstate}, {@code x-weft-line}, {@code x-weft-column})
 * for clients that read them. Never throws: a stream must always end with a status, so this runs on every error path.
 */
final class FlightErrors {
    static final String SQLSTATE_KEY = "x-weft-sqlstate";

    private FlightErrors() {}

    static FlightRuntimeException toFlight(Throwable error) {
        if (error instanceof FlightRuntimeException flight) {
            return flight;
        }
        final ErrorCode code = codeOf(error);
        final String message = messageOf(error, code);
        final ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert(SQLSTATE_KEY, code.sqlState());
        if (error instanceof SqlException sql && sql.line() > 0) {
            metadata.insert("x-weft-line", Integer.toString(sql.line()));
            metadata.insert("x-weft-column", Integer.toString(sql.column()));
        }
        return new CallStatus(statusOf(code), error, message + " [SQLSTATE " + code.sqlState() + "]", metadata)
                .toRuntimeException();
    }

    /**
     * The Arrow Flight status of each error kind. Arrow's {@link FlightStatusCode} has no {@code DATA_LOSS},
     * {@code ABORTED} or {@code FAILED_PRECONDITION}, so those kinds take the nearest code Arrow has; the SQLSTATE in
     * the message and trailer keeps the exact kind. Exhaustive on purpose: a new {@link ErrorCode} does not compile
     * until it is mapped here.
     */
    static FlightStatusCode statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, INVALID_MANIFEST, INVALID_DATA, SQL_SYNTAX, SQL_UNDEFINED_COLUMN,
                    SQL_UNDEFINED_FUNCTION, SQL_TYPE_MISMATCH, SQL_INVALID, SQL_DATA, SQL_DIVISION_BY_ZERO,
                    SQL_INVALID_TEXT, SQL_OUT_OF_RANGE, STATEMENT_TOO_COMPLEX ->
                    FlightStatusCode.INVALID_ARGUMENT;
            case NOT_FOUND, SQL_UNDEFINED_TABLE -> FlightStatusCode.NOT_FOUND;
            case ALREADY_EXISTS -> FlightStatusCode.ALREADY_EXISTS;
            // gRPC's ABORTED: the caller may retry, which is what UNAVAILABLE tells Flight clients.
            case COMMIT_CONFLICT -> FlightStatusCode.UNAVAILABLE;
            // gRPC's DATA_LOSS: stored data is damaged, which no retry repairs.
            case CORRUPTED -> FlightStatusCode.INTERNAL;
            case UNSUPPORTED -> FlightStatusCode.UNIMPLEMENTED;
            // gRPC's FAILED_PRECONDITION: the server's workspace is unusable until someone repairs it.
            case WORKSPACE -> FlightStatusCode.INTERNAL;
            case IO -> FlightStatusCode.UNAVAILABLE;
            case CANCELLED -> FlightStatusCode.CANCELLED;
            case OUT_OF_MEMORY -> FlightStatusCode.RESOURCE_EXHAUSTED;
            case INTERNAL -> FlightStatusCode.INTERNAL;
        };
    }

    /** The kind of any failure: Weft's own, running out of memory, or else a bug. */
    static ErrorCode codeOf(Throwable error) {
        if (error instanceof WeftException weft) {
            return weft.code();
        }
        return error instanceof OutOfMemoryError ? ErrorCode.OUT_OF_MEMORY : ErrorCode.INTERNAL;
    }

    /** The message a client sees: ours as written; for anything else, what failed and its type (no stack trace). */
    private static String messageOf(Throwable error, ErrorCode code) {
        if (error instanceof WeftException && error.getMessage() != null) {
            return error.getMessage();
        }
        final String detail = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return code == ErrorCode.OUT_OF_MEMORY
                ? "The server ran out of memory for this query (" + detail + ")"
                : "Internal error: " + detail;
    }

    static FlightRuntimeException notFound(String message) {
        return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException readOnly() {
        return CallStatus.UNIMPLEMENTED.withDescription("Weft datasets are read-only through SQL: they change only "
                + "through ingest (weft ingest, weft pull) [SQLSTATE 25006]").toRuntimeException();
    }
}
