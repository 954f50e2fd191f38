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
import dev.weft.calcite.exec.ArrowParameters;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.exec.RowsResult;
import dev.weft.calcite.meta.CatalogMetadata;
import dev.weft.calcite.meta.TableInfo;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Weft's Arrow Flight SQL service: statements and prepared statements (with parameters) over the query engine, the
 * metadata commands BI tools and ADBC call on connect, cancellation, and result streaming that waits for the client
 * (back-pressure) and stops the query when the client goes away.
 *
 * <p>Statement handles live in a cache: a plain statement's handle is used once by its {@code DoGet}; prepared
 * statements stay until closed or idle for {@link #IDLE_TIMEOUT}.
 */
public final class WeftFlightSqlProducer extends BasicFlightSqlProducer implements AutoCloseable {
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Flight's cookie-based sessions, which carry {@code SET} settings from one call to the next. */
    static final FlightServerMiddleware.Key<ServerSessionMiddleware> SESSION_MIDDLEWARE =
            FlightServerMiddleware.Key.of("weft-session");

    private final QueryEngine engine;
    private final BufferAllocator allocator;
    private final SqlInfoBuilder sqlInfo;
    private final Cache<ByteString, Statement> statements = Caffeine.newBuilder()
            .expireAfterAccess(IDLE_TIMEOUT).build();
    private final Map<ByteString, RunningQuery> running = new ConcurrentHashMap<>();
    private final ResultStreams streams;
    private final Cache<String, Session> sessions = Caffeine.newBuilder().expireAfterAccess(IDLE_TIMEOUT).build();

    /** A prepared query and the parameter values last bound to it. */
    private static final class Statement {
        final PreparedQuery query;
        volatile List<Object> parameters = List.of();
        volatile boolean cancelled;

        Statement(PreparedQuery query) {
            this.query = query;
        }
    }

    public WeftFlightSqlProducer(QueryEngine engine, BufferAllocator allocator, MeterRegistry metrics) {
        this.engine = engine;
        this.allocator = allocator;
        this.streams = new ResultStreams(allocator, metrics);
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
        streams.start(run, () -> run(statement.query, List.of()), listener, () -> running.remove(handle, run));
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
        streams.start(run, () -> run(statement.query, statement.parameters), listener,
                () -> running.remove(handle, run));
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
                        values = ArrowParameters.row(root, root.getRowCount() - 1);
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
        streams.close();
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

    /** Sends one metadata batch. */
    private static void send(Supplier<VectorSchemaRoot> batch, ServerStreamListener listener) {
        try (VectorSchemaRoot root = batch.get()) {
            listener.start(root);
            listener.putNext();
            listener.completed();
        } catch (Throwable e) {
            ResultStreams.endWithError(listener, e);
        }
    }
}
