package dev.weft.server.flight;

import dev.weft.calcite.QueryEngine;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.ServerSessionMiddleware;
import org.apache.arrow.memory.BufferAllocator;

/** The Arrow Flight SQL endpoint (gRPC) over a query engine. */
public final class FlightSqlServer implements AutoCloseable {
    private final FlightServer server;
    private final WeftFlightSqlProducer producer;
    private final BufferAllocator allocator;

    private FlightSqlServer(FlightServer server, WeftFlightSqlProducer producer, BufferAllocator allocator) {
        this.server = server;
        this.producer = producer;
        this.allocator = allocator;
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free port).
     *
     * @throws WeftException {@code IO} when the port cannot be bound
     */
    public static FlightSqlServer start(QueryEngine engine, BufferAllocator parent, String host, int port,
            MeterRegistry metrics) {
        final BufferAllocator allocator = parent.newChildAllocator("flight-sql", 0, Long.MAX_VALUE);
        final WeftFlightSqlProducer producer = new WeftFlightSqlProducer(engine, allocator, metrics);
        final FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port), producer)
                .middleware(WeftFlightSqlProducer.SESSION_MIDDLEWARE,
                        new ServerSessionMiddleware.Factory(() -> UUID.randomUUID().toString()))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            producer.close();
            allocator.close();
            throw new WeftException(ErrorCode.IO, "Cannot serve Flight SQL on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new FlightSqlServer(server, producer, allocator);
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** Queries running or streaming results now. */
    public int runningQueries() {
        return producer.runningQueries();
    }

    /** Stops taking calls, cancels running queries and waits briefly for streams to end. */
    @Override
    public void close() {
        producer.close();
        server.shutdown();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            allocator.close();
        }
    }
}
