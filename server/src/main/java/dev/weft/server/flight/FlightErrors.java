package dev.weft.server.flight;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Turns Weft errors into gRPC statuses: the status code from the error catalogue, the message with its SQLSTATE, and
 * the SQLSTATE and SQL position also as trailers ({@code x-weft-sqlstate}, {@code x-weft-line}, {@code x-weft-column})
 * for clients that read them.
 */
final class FlightErrors {
    static final String SQLSTATE_KEY = "x-weft-sqlstate";

    private FlightErrors() {}

    static FlightRuntimeException toFlight(Throwable error) {
        if (error instanceof FlightRuntimeException flight) {
            return flight;
        }
        final ErrorCode code = error instanceof WeftException weft ? weft.code() : ErrorCode.INTERNAL;
        final String message = error.getMessage() == null ? error.toString() : error.getMessage();
        final ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert(SQLSTATE_KEY, code.sqlState());
        if (error instanceof SqlException sql && sql.line() > 0) {
            metadata.insert("x-weft-line", Integer.toString(sql.line()));
            metadata.insert("x-weft-column", Integer.toString(sql.column()));
        }
        return new CallStatus(FlightStatusCode.valueOf(code.grpcStatus()), error,
                message + " [SQLSTATE " + code.sqlState() + "]", metadata).toRuntimeException();
    }

    static FlightRuntimeException notFound(String message) {
        return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException readOnly() {
        return CallStatus.UNIMPLEMENTED.withDescription("Weft datasets are read-only through SQL: they change only "
                + "through ingest (weft ingest, weft pull) [SQLSTATE 25006]").toRuntimeException();
    }
}
