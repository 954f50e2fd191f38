package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.testing.ServedWorkspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Stopping queries: explicit cancellation, and clients that stop reading or go away mid-stream. */
class FlightSqlCancellationTest {
    /** Billions of string comparisons at SF 0.01: runs for minutes unless stopped. */
    private static final String SLOW = "SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_comment < b.l_comment";

    @Test
    void cancelFlightInfoStopsARunningQuery() throws Exception {
        cancel(true);
    }

    @Test
    void cancelFlightInfoBeforeTheFetchStopsTheQueryFromStarting() throws Exception {
        cancel(false);
    }

    private void cancel(boolean whileRunning) throws Exception {
        final int port = ServedWorkspace.get().flight.port();
        try (BufferAllocator allocator = new RootAllocator();
                FlightSqlClient client = new FlightSqlClient(
                        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).build())) {
            final FlightInfo info = client.execute(SLOW);
            final CompletableFuture<Throwable> reading = !whileRunning ? null : read(client, info);
            if (whileRunning) {
                awaitRunning();
            }
            assertThat(client.cancelFlightInfo(new CancelFlightInfoRequest(info)).getStatus())
                    .isEqualTo(CancelStatus.CANCELLED);
            final Throwable failure = (whileRunning ? reading : read(client, info)).get(30, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(FlightRuntimeException.class);
            assertThat(((FlightRuntimeException) failure).status().code()).isEqualTo(FlightStatusCode.CANCELLED);
            assertThat(failure).hasMessageContaining("57014");
        }
    }

    private static CompletableFuture<Throwable> read(FlightSqlClient client, FlightInfo info) {
        return CompletableFuture.supplyAsync(() -> {
            try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
                while (stream.next()) {
                    // A count has one row; the query is stopped long before it.
                }
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    /** Waits until the server has stopped every query: abandoned streams must not linger. */
    private static void awaitIdle() throws InterruptedException {
        final FlightSqlServer server = ServedWorkspace.get().flight;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.runningQueries() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.runningQueries() + " queries still running");
            }
            Thread.onSpinWait();
        }
    }

    /** Waits until the server reports the query running (the reading thread has reached it). */
    private static void awaitRunning() throws InterruptedException {
        final FlightSqlServer server = ServedWorkspace.get().flight;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.runningQueries() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the query never started");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aClientClosingAResultEarlyLeavesTheConnectionUsable() throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(ServedWorkspace.get().flightJdbcUrl());
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT * FROM lineitem, nation")) {
                for (int i = 0; i < 10; i++) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM supplier")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
        }
        awaitIdle();
    }

    @Test
    void writesAreRefusedAsReadOnly() throws SQLException {
        try (Connection connection = DriverManager.getConnection(ServedWorkspace.get().flightJdbcUrl());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM nation"))
                    .isInstanceOf(SQLException.class);
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
        }
    }
}
