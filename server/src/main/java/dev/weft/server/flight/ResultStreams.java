package dev.weft.server.flight;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.error.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams query results to Flight clients as Arrow batches, each stream from a thread of its own, waiting for the
 * client between messages (back-pressure) and stopping the query when the client goes away. Every stream ends with a
 * status: completed, or an error that carries its SQLSTATE. Thread-safe.
 */
final class ResultStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStreams.class);
    /**
     * How long to wait for the client before checking again. Results stream from threads of their own, so gRPC's
     * "ready" notification (delivered on the call's serialized executor) wakes the wait; the re-check only bounds
     * how long a missed notification could cost.
     */
    private static final long CLIENT_WAIT_MILLIS = 1000;
    /**
     * The largest result message sent: clients cap what they receive (the Go-based ADBC driver at 16 MiB by default),
     * so a batch of wide rows goes out in slices below that.
     */
    static final long MAX_MESSAGE_BYTES = 8L << 20;

    private final BufferAllocator allocator;
    private final MeterRegistry metrics;
    /**
     * A DoGet handler that streamed on gRPC's thread would hold back the call's "ready" notifications until it
     * returned, so backpressure could only poll; on a thread of its own it is woken at once.
     */
    private final ExecutorService threads = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            final Thread thread = new Thread(task, "weft-flight-stream-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    ResultStreams(BufferAllocator allocator, MeterRegistry metrics) {
        this.allocator = allocator;
        this.metrics = metrics;
    }

    /**
     * Runs the query and streams its result from a thread of this object; returns at once. Whatever happens on that
     * thread — an engine error, a bug, running out of memory — the stream ends with a status, so a client never waits
     * for a stream that nobody will finish.
     *
     * @param finished called once the stream has ended, however it ended
     */
    void start(RunningQuery run, Supplier<QueryResult> query, ServerStreamListener listener, Runnable finished) {
        final long started = System.nanoTime();
        try {
            threads.execute(() -> {
                String outcome = "error";
                try {
                    outcome = streamBatches(run, query, listener);
                } catch (Throwable e) {
                    outcome = FlightErrors.codeOf(e) == ErrorCode.CANCELLED ? "cancelled" : "error";
                    endWithError(listener, e);
                } finally {
                    finished.run();
                    recordOutcome(outcome, started);
                }
            });
        } catch (RejectedExecutionException e) {
            finished.run();
            listener.error(CallStatus.UNAVAILABLE.withDescription("The server is shutting down").toRuntimeException());
        }
    }

    private void recordOutcome(String outcome, long started) {
        try {
            Timer.builder("weft.queries").description("Queries run over Flight SQL, by outcome")
                    .tag("surface", "flight-sql").tag("outcome", outcome).register(metrics)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record the outcome of a Flight SQL query", e);
        }
    }

    /**
     * Ends a stream with the error's status. Failures that are not the client's (bugs, damaged data, no memory) are
     * logged with their stack trace here, since the client sees only the message.
     */
    static void endWithError(ServerStreamListener listener, Throwable error) {
        final ErrorCode code = FlightErrors.codeOf(error);
        if (code == ErrorCode.INTERNAL || code == ErrorCode.CORRUPTED || code == ErrorCode.OUT_OF_MEMORY
                || code == ErrorCode.IO) {
            LOG.error("A Flight SQL query failed: {}", error.toString(), error);
        }
        try {
            listener.error(FlightErrors.toFlight(error));
        } catch (Throwable e) {
            // The stream already ended (completed, or the client went away): there is nobody left to tell.
            LOG.debug("Could not send the error status of a Flight SQL stream", e);
        }
    }

    /** Streams the result; returns the outcome, or throws when the query fails (the caller ends the stream). */
    private String streamBatches(RunningQuery run, Supplier<QueryResult> start, ServerStreamListener listener) {
        // A client that goes away stops the query at once, even while it computes its first batch.
        final BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy() {
            @Override
            protected void cancelCallback() {
                run.cancel();
            }
        };
        backpressure.register(listener);
        if (listener.isCancelled()) {
            run.cancel();
        }
        final QueryResult result = start.get();
        run.attach(result);
        try (result; VectorSchemaRoot message = VectorSchemaRoot.create(result.root().getSchema(), allocator)) {
            // gRPC sends the batch's own buffers, which it holds a reference to until they are written: each batch
            // is loaded into new buffers, never written into the ones sent before.
            listener.setUseZeroCopy(true);
            listener.start(message);
            while (result.loadNextBatch()) {
                final VectorSchemaRoot batch = result.root();
                final int rows = batch.getRowCount();
                final int rowsPerMessage = rowsPerMessage(batch);
                int first = 0;
                do {
                    if (!awaitClient(backpressure)) {
                        result.cancel();
                        return "cancelled";
                    }
                    load(message, batch, first, Math.min(rowsPerMessage, rows - first));
                    listener.putNext();
                    first += rowsPerMessage;
                } while (first < rows);
            }
            listener.completed();
            return "ok";
        }
    }

    /** How many rows of {@code batch} fit one message of at most {@link #MAX_MESSAGE_BYTES}. */
    private static int rowsPerMessage(VectorSchemaRoot batch) {
        long bytes = 0;
        for (FieldVector vector : batch.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        final int rows = Math.max(batch.getRowCount(), 1);
        return bytes <= MAX_MESSAGE_BYTES ? rows : (int) Math.max(1, rows * MAX_MESSAGE_BYTES / bytes);
    }

    /** Moves rows {@code start .. start + count} of {@code batch} into {@code message}, sharing their buffers. */
    private static void load(VectorSchemaRoot message, VectorSchemaRoot batch, int start, int count) {
        if (start == 0 && count == batch.getRowCount()) {
            try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
                new VectorLoader(message).load(unloaded);
            }
            return;
        }
        try (VectorSchemaRoot slice = batch.slice(start, count);
                ArrowRecordBatch unloaded = new VectorUnloader(slice).getRecordBatch()) {
            new VectorLoader(message).load(unloaded);
        }
    }

    /** Waits until the client can take another batch; false when it cancelled or went away. */
    private static boolean awaitClient(BackpressureStrategy backpressure) {
        while (true) {
            final BackpressureStrategy.WaitResult wait = backpressure.waitForListener(CLIENT_WAIT_MILLIS);
            if (wait == BackpressureStrategy.WaitResult.READY) {
                return true;
            }
            if (wait != BackpressureStrategy.WaitResult.TIMEOUT) {
                return false;
            }
        }
    }

    /** Takes no new streams; running ones end as their queries are cancelled. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
