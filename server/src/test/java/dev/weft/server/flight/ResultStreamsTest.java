package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.calcite.exec.QueryResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every stream ends with a status, whatever its query throws, Errors included. */
class ResultStreamsTest {
    private static final long DEADLINE_SECONDS = 10;
    private static final Schema SCHEMA = new Schema(List.of(Field.nullable("n", new ArrowType.Int(64, true))));

    private BufferAllocator allocator;
    private ResultStreams streams;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        streams = new ResultStreams(allocator, new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        streams.close();
        allocator.close();
    }

    @Test
    void aQueryThatRunsOutOfMemoryEndsItsStreamWithResourceExhausted() throws Exception {
        final RecordingListener listener = new RecordingListener();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        streams.start(new RunningQuery(), () -> {
            throw new OutOfMemoryError("Java heap space");
        }, listener, () -> finished.complete(null));

        final FlightRuntimeException error = listener.awaitError();
        assertThat(error.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
        assertThat(error.getMessage()).contains("Java heap space", "[SQLSTATE 53200]");
        finished.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void anErrorFromTheEngineMidStreamEndsTheStreamAndClosesTheResult() throws Exception {
        final FakeResult result = new FakeResult(allocator, 1, new UnsatisfiedLinkError("engine library gone"));
        final RecordingListener listener = new RecordingListener();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        streams.start(new RunningQuery(), () -> result, listener, () -> finished.complete(null));

        final FlightRuntimeException error = listener.awaitError();
        finished.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(error.status().code()).isEqualTo(FlightStatusCode.INTERNAL);
        assertThat(error.getMessage()).contains("UnsatisfiedLinkError", "engine library gone", "[SQLSTATE XX000]");
        assertThat(listener.batches.get()).isEqualTo(1);
        assertThat(result.closed).isTrue();
    }

    @Test
    void aQueryThatSucceedsCompletesItsStream() throws Exception {
        final RecordingListener listener = new RecordingListener();
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        streams.start(new RunningQuery(), supplier(new FakeResult(allocator, 2, null)), listener,
                () -> finished.complete(null));
        listener.completed.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        // The stream's buffers are released after it completes; the allocator is checked empty after each test.
        finished.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(listener.started).isTrue();
        assertThat(listener.batches.get()).isEqualTo(2);
        assertThat(listener.error.isDone()).isFalse();
    }

    private static Supplier<QueryResult> supplier(QueryResult result) {
        return () -> result;
    }

    /** A result of {@code batches} one-row batches, then {@code failure} thrown by the next load if not null. */
    private static final class FakeResult implements QueryResult {
        private final VectorSchemaRoot root;
        private final int batches;
        private final Error failure;
        private int loaded;
        volatile boolean closed;

        FakeResult(BufferAllocator allocator, int batches, Error failure) {
            this.root = VectorSchemaRoot.create(SCHEMA, allocator);
            this.batches = batches;
            this.failure = failure;
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public VectorSchemaRoot root() {
            return root;
        }

        @Override
        public boolean loadNextBatch() {
            if (loaded == batches) {
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            ((BigIntVector) root.getVector(0)).setSafe(0, loaded++);
            root.setRowCount(1);
            return true;
        }

        @Override
        public void cancel() {
            // Nothing runs in the background.
        }

        @Override
        public void close() {
            closed = true;
            root.close();
        }
    }

    /** A client that is always ready and records how its stream ended. */
    private static final class RecordingListener implements ServerStreamListener {
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final CompletableFuture<Void> completed = new CompletableFuture<>();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicBoolean started = new AtomicBoolean();

        FlightRuntimeException awaitError() throws Exception {
            final Throwable thrown = error.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(thrown).isInstanceOf(FlightRuntimeException.class);
            return (FlightRuntimeException) thrown;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {
            // Never cancelled.
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable handler) {
            // Always ready: nothing to wake.
        }

        @Override
        public void start(VectorSchemaRoot root, DictionaryProvider dictionaries, IpcOption option) {
            started.set(true);
        }

        @Override
        public void putNext() {
            batches.incrementAndGet();
        }

        @Override
        public void putNext(ArrowBuf metadata) {
            batches.incrementAndGet();
        }

        @Override
        public void putMetadata(ArrowBuf metadata) {
            // No metadata is sent.
        }

        @Override
        public void error(Throwable ex) {
            error.complete(ex);
        }

        @Override
        public void completed() {
            completed.complete(null);
        }
    }
}
