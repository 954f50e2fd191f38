package dev.weft.server.flight;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.weft.calcite.PreparedQuery;
import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.Session;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.exec.RowsResult;
import dev.weft.calcite.meta.CatalogMetadata;
import dev.weft.calcite.meta.TableInfo;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.ServerSessionMiddleware;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weft's Arrow Flight SQL service: statements and prepared statements (with parameters) over the query engine, the
 * metadata commands BI tools and ADBC call on connect, cancellation, and result streaming that waits for the client
 * (back-pressure) and stops the query when the client goes away.
 *
 * <p>Statement handles live in a cache: a plain statement's handle is used once by its {@code DoGet}; prepared
 * statements stay until closed or idle for {@link #IDLE_TIMEOUT}.
 */
public final class WeftFlightSqlProducer extends BasicFlightSqlProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeftFlightSqlProducer.class);
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Flight's cookie-based sessions, which carry {@code SET} settings from one call to the next. */
    static final FlightServerMiddleware.Key<ServerSessionMiddleware> SESSION_MIDDLEWARE =
            FlightServerMiddleware.Key.of("weft-session");
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

    private final QueryEngine engine;
    private final BufferAllocator allocator;
    private final SqlInfoBuilder sqlInfo;
    private final MeterRegistry metrics;
    private final Cache<ByteString, Statement> statements = Caffeine.newBuilder()
            .expireAfterAccess(IDLE_TIMEOUT).build();
    private final Map<ByteString, RunningQuery> running = new ConcurrentHashMap<>();
    private final Cache<String, Session> sessions = Caffeine.newBuilder().expireAfterAccess(IDLE_TIMEOUT).build();
    /**
     * Streams query results. A DoGet handler that streamed on gRPC's thread would hold back the call's "ready"
     * notifications until it returned, so backpressure could only poll; on a thread of its own it is woken at once.
     */
    private final ExecutorService streams = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            final Thread thread = new Thread(task, "weft-flight-stream-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /** A prepared query and the parameter values last bound to it. */
    private static final class Statement {
        final PreparedQuery query;
        volatile List<Object> parameters = List.of();
        volatile boolean cancelled;

        Statement(PreparedQuery query) {
            this.query = query;
        }
    }

    /** A query from its DoGet to the end of its stream: cancellable at every point, even before it starts. */
    private static final class RunningQuery {
        private QueryResult result;
        private boolean cancelled;

        synchronized void attach(QueryResult started) {
            result = started;
            if (cancelled) {
                started.cancel();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (result != null) {
                result.cancel();
            }
        }
    }

    public WeftFlightSqlProducer(QueryEngine engine, BufferAllocator allocator, MeterRegistry metrics) {
        this.engine = engine;
        this.allocator = allocator;
        this.metrics = metrics;
        Gauge.builder("weft.queries.running", running, Map::size)
                .description("Queries running or streaming over Flight SQL").register(metrics);
        this.sqlInfo = FlightSqlInfo.build();
    }

    // ---- statements ------------------------------------------------------------------------------------------

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        final PreparedQuery query = prepare(command.getQuery(), context);
        applyIfSetting(query);
        final ByteString handle = register(query);
        final TicketStatementQuery ticket = TicketStatementQuery.newBuilder().setStatementHandle(handle).build();
        return info(query.resultSchema(), descriptor, ticket);
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return new SchemaResult(prepare(command.getQuery(), context).resultSchema());
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        final ByteString handle = ticket.getStatementHandle();
        // Registered as running before the handle leaves the cache, so a cancel always finds one of the two.
        final RunningQuery run = new RunningQuery();
        running.put(handle, run);
        final Statement statement = statements.asMap().remove(handle);
        if (statement == null || statement.cancelled) {
            running.remove(handle, run);
            listener.error(FlightErrors.toFlight(statement == null
                    ? new WeftException(ErrorCode.NOT_FOUND, "Unknown or already used statement handle; run the "
                            + "query again")
                    : new WeftException(ErrorCode.CANCELLED, "Query cancelled before it started")));
            return;
        }
        stream(handle, run, () -> run(statement.query, List.of()), listener);
    }

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            final PreparedQuery query = prepare(request.getQuery(), context);
            final ByteString handle = register(query);
            final ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(handle)
                    .setDatasetSchema(ByteString.copyFrom(MetadataBatches.serialize(query.resultSchema())))
                    .setParameterSchema(ByteString.copyFrom(MetadataBatches.serialize(query.parameterSchema())))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (Throwable e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        statements.invalidate(request.getPreparedStatementHandle());
        listener.onCompleted();
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        final PreparedQuery query = statement(command.getPreparedStatementHandle()).query;
        applyIfSetting(query);
        return info(query.resultSchema(), descriptor, command);
    }

    /**
     * A {@code SET} takes effect when the client executes it (GetFlightInfo), not when — or whether — it fetches the
     * empty result, so that later statements see it in order.
     */
    private void applyIfSetting(PreparedQuery query) {
        if (query.isSetting()) {
            try {
                query.execute(List.of()).close();
            } catch (RuntimeException e) {
                throw FlightErrors.toFlight(e);
            }
        }
    }

    /** What a DoGet runs: a query, or nothing for a setting (already applied when it was executed). */
    private QueryResult run(PreparedQuery query, List<Object> parameters) {
        return query.isSetting()
                ? RowsResult.of(query.resultSchema(), List.of(), allocator, QueryEngine.BATCH_ROWS)
                : query.execute(parameters);
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        return new SchemaResult(statement(command.getPreparedStatementHandle()).query.resultSchema());
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            ServerStreamListener listener) {
        final ByteString handle = command.getPreparedStatementHandle();
        final Statement statement = statements.getIfPresent(handle);
        if (statement == null) {
            listener.error(FlightErrors.notFound("Unknown or expired prepared statement handle; prepare it again"));
            return;
        }
        final RunningQuery run = new RunningQuery();
        running.put(handle, run);
        stream(handle, run, () -> run(statement.query, statement.parameters), listener);
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                final ByteString handle = command.getPreparedStatementHandle();
                final Statement statement = statement(handle);
                List<Object> values = List.of();
                while (flightStream.next()) {
                    final VectorSchemaRoot root = flightStream.getRoot();
                    if (root.getRowCount() > 0) {
                        values = row(root, root.getRowCount() - 1);
                    }
                }
                statement.parameters = values;
                final byte[] result = DoPutPreparedStatementResult.newBuilder()
                        .setPreparedStatementHandle(handle).build().toByteArray();
                try (ArrowBuf buffer = allocator.buffer(result.length)) {
                    buffer.writeBytes(result);
                    ackStream.onNext(PutResult.metadata(buffer));
                }
                ackStream.onCompleted();
            } catch (Throwable e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    /** Updates are refused (datasets are read-only through SQL), except session settings: {@code SET}, {@code RESET}. */
    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                applySetting(prepare(command.getQuery(), context), ackStream);
            } catch (Throwable e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
            FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return () -> {
            try {
                applySetting(statement(command.getPreparedStatementHandle()).query, ackStream);
            } catch (Throwable e) {
                ackStream.onError(FlightErrors.toFlight(e));
            }
        };
    }

    private void applySetting(PreparedQuery query, StreamListener<PutResult> ackStream) {
        if (!query.isSetting()) {
            ackStream.onError(FlightErrors.readOnly());
            return;
        }
        query.execute(List.of()).close();
        final byte[] result = DoPutUpdateResult.newBuilder().setRecordCount(0).build().toByteArray();
        try (ArrowBuf buffer = allocator.buffer(result.length)) {
            buffer.writeBytes(result);
            ackStream.onNext(PutResult.metadata(buffer));
        }
        ackStream.onCompleted();
    }

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
            StreamListener<CancelStatus> listener) {
        CancelStatus status = CancelStatus.NOT_CANCELLABLE;
        for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
            final TicketHandle ticket = handleOf(endpoint.getTicket());
            if (ticket == null) {
                continue;
            }
            final RunningQuery run = running.get(ticket.handle());
            if (run != null) {
                run.cancel();
                status = CancelStatus.CANCELLED;
            } else if (!ticket.prepared()) {
                // A statement not fetched yet: its DoGet will report the cancellation instead of running it.
                final Statement statement = statements.getIfPresent(ticket.handle());
                if (statement != null) {
                    statement.cancelled = true;
                    status = CancelStatus.CANCELLED;
                }
            }
        }
        listener.onNext(status);
        listener.onCompleted();
    }

    // ---- metadata --------------------------------------------------------------------------------------------

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
            ServerStreamListener listener) {
        send(() -> MetadataBatches.typeInfo(allocator, request.hasDataType() ? request.getDataType() : null),
                listener);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        send(() -> MetadataBatches.catalogs(allocator), listener);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        send(() -> MetadataBatches.schemas(allocator, command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null), listener);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        send(() -> MetadataBatches.tables(allocator, tables(), command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null,
                command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null,
                command.getTableTypesList(), command.getIncludeSchema()), listener);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        send(() -> MetadataBatches.tableTypes(allocator), listener);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
            ServerStreamListener listener) {
        send(() -> MetadataBatches.primaryKeys(allocator, tables(), command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchema() ? command.getDbSchema() : null, command.getTable()), listener);
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
            ServerStreamListener listener) {
        send(() -> MetadataBatches.noKeys(allocator), listener);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
            ServerStreamListener listener) {
        send(() -> MetadataBatches.noKeys(allocator), listener);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
            ServerStreamListener listener) {
        send(() -> MetadataBatches.noKeys(allocator), listener);
    }

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor,
            Schema schema) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    /** Queries running or streaming results now. */
    int runningQueries() {
        return running.size();
    }

    @Override
    public void close() {
        running.values().forEach(RunningQuery::cancel);
        statements.invalidateAll();
        streams.shutdown();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Prepares in the client's session. Sessions follow Flight's session cookie; one is created only when a client
     * changes a setting, so clients that never do (or ignore cookies) leave nothing behind.
     */
    private PreparedQuery prepare(String sql, CallContext context) {
        try {
            final ServerSessionMiddleware middleware = context.getMiddleware(SESSION_MIDDLEWARE);
            final boolean existing = middleware != null && middleware.hasSession();
            final Session session = existing
                    ? sessions.get(middleware.getSession().id, id -> new Session())
                    : new Session();
            final PreparedQuery query = engine.prepare(sql, session);
            if (query.isSetting() && middleware != null && !existing) {
                sessions.put(middleware.getSession().id, session);
            }
            return query;
        } catch (RuntimeException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    private ByteString register(PreparedQuery query) {
        final UUID id = UUID.randomUUID();
        final ByteString handle = ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).flip());
        statements.put(handle, new Statement(query));
        return handle;
    }

    private Statement statement(ByteString handle) {
        final Statement statement = statements.getIfPresent(handle);
        if (statement == null) {
            throw FlightErrors.notFound("Unknown or expired prepared statement handle; prepare it again");
        }
        return statement;
    }

    private List<TableInfo> tables() {
        return CatalogMetadata.tables(engine.snapshot());
    }

    private static FlightInfo info(Schema schema, FlightDescriptor descriptor, Message ticket) {
        return new FlightInfo(schema, descriptor,
                List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
    }

    /** The statement a ticket refers to, and whether it is a prepared statement. */
    private record TicketHandle(ByteString handle, boolean prepared) {}

    private static TicketHandle handleOf(Ticket ticket) {
        try {
            final Any any = Any.parseFrom(ticket.getBytes());
            if (any.is(TicketStatementQuery.class)) {
                return new TicketHandle(any.unpack(TicketStatementQuery.class).getStatementHandle(), false);
            }
            if (any.is(CommandPreparedStatementQuery.class)) {
                return new TicketHandle(
                        any.unpack(CommandPreparedStatementQuery.class).getPreparedStatementHandle(), true);
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * Runs the query and streams its result from a thread of {@link #streams}; returns at once. Whatever happens on
     * that thread — an engine error, a bug, running out of memory — the stream ends with a status, so a client never
     * waits for a stream that nobody will finish.
     */
    private void stream(ByteString handle, RunningQuery run, Supplier<QueryResult> start,
            ServerStreamListener listener) {
        final long started = System.nanoTime();
        try {
            streams.execute(() -> {
                String outcome = "error";
                try {
                    outcome = streamBatches(run, start, listener);
                } catch (Throwable e) {
                    outcome = FlightErrors.codeOf(e) == ErrorCode.CANCELLED ? "cancelled" : "error";
                    endWithError(listener, e);
                } finally {
                    running.remove(handle, run);
                    recordOutcome(outcome, started);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(handle, run);
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
    private static void endWithError(ServerStreamListener listener, Throwable error) {
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

    /** Sends one metadata batch. */
    private static void send(Supplier<VectorSchemaRoot> batch, ServerStreamListener listener) {
        try (VectorSchemaRoot root = batch.get()) {
            listener.start(root);
            listener.putNext();
            listener.completed();
        } catch (Throwable e) {
            endWithError(listener, e);
        }
    }

    private static List<Object> row(VectorSchemaRoot root, int row) {
        final List<Object> values = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
            final Object value = vector.isNull(row) ? null : vector.getObject(row);
            values.add(value instanceof Text text ? text.toString() : value);
        }
        return values;
    }
}
