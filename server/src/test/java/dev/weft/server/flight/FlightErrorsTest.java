package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;

/** Every error, ours or not, becomes a Flight status that carries its SQLSTATE. */
class FlightErrorsTest {
    @Test
    void everyErrorCodeBecomesAFlightStatusWithItsSqlState() {
        for (ErrorCode code : ErrorCode.values()) {
            final FlightRuntimeException flight = FlightErrors.toFlight(new WeftException(code, "what failed"));
            assertThat(flight.status().code()).isEqualTo(FlightErrors.statusOf(code));
            assertThat(flight.getMessage()).isEqualTo("what failed [SQLSTATE " + code.sqlState() + "]");
            assertThat(flight.status().metadata().get(FlightErrors.SQLSTATE_KEY)).isEqualTo(code.sqlState());
        }
    }

    @Test
    void kindsArrowHasNoCodeForTakeTheNearestOne() {
        assertThat(FlightErrors.statusOf(ErrorCode.CORRUPTED)).isEqualTo(FlightStatusCode.INTERNAL);
        assertThat(FlightErrors.statusOf(ErrorCode.COMMIT_CONFLICT)).isEqualTo(FlightStatusCode.UNAVAILABLE);
        assertThat(FlightErrors.statusOf(ErrorCode.WORKSPACE)).isEqualTo(FlightStatusCode.INTERNAL);
    }

    @Test
    void runningOutOfMemoryIsResourceExhausted() {
        final FlightRuntimeException flight = FlightErrors.toFlight(new OutOfMemoryError("Java heap space"));
        assertThat(flight.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
        assertThat(flight.getMessage()).contains("ran out of memory", "Java heap space", "[SQLSTATE 53200]");
    }

    @Test
    void otherThrowablesAreInternalErrorsNamingTheirType() {
        final FlightRuntimeException flight = FlightErrors.toFlight(new StackOverflowError());
        assertThat(flight.status().code()).isEqualTo(FlightStatusCode.INTERNAL);
        assertThat(flight.getMessage()).isEqualTo("Internal error: java.lang.StackOverflowError [SQLSTATE XX000]");
    }
}
