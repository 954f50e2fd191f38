package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * A query in DuckDB, streamed as Arrow batches through the C data interface. The query starts on the first
 * {@link #loadNextBatch()}, so that it can be cancelled from another thread even while DuckDB computes its first
 * rows; each batch's buffers are moved (not copied) into a root with the announced schema and names.
 */
final class DuckDbResult implements QueryResult {
    /** What DuckDB's JDBC driver says when a streamed query fails, whatever the cause. */
    private static final String STREAM_FAILURE = "Invalid result set";

    private final DuckDb duckDb;
    private final Schema schema;
    private final String sql;
    private final int batchRows;
    private final BufferAllocator allocator;
    private final Connection connection;
    private final Statement statement;
    private final VectorSchemaRoot root;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private DuckDBResultSet resultSet;
    private ArrowReader reader;
    private boolean closed;

    private DuckDbResult(DuckDb duckDb, Schema schema, String sql, int batchRows, BufferAllocator allocator,
            Connection connection, Statement statement) {
        this.duckDb = duckDb;
        this.schema = schema;
        this.sql = sql;
        this.batchRows = batchRows;
        this.allocator = allocator;
        this.connection = connection;
        this.statement = statement;
        this.root = VectorSchemaRoot.create(schema, allocator);
    }

    /** Prepares {@code sql} on a new connection of {@code duckDb}; nothing runs until the first batch is asked for. */
    static DuckDbResult start(DuckDb duckDb, String sql, Schema schema, BufferAllocator allocator, int batchRows) {
        final Connection connection = duckDb.connect();
        try {
            return new DuckDbResult(duckDb, schema, sql, batchRows, allocator, connection,
                    connection.createStatement());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw engineError(e);
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (cancelled.get()) {
            throw cancelledError(null);
        }
        try {
            if (reader == null) {
                resultSet = (DuckDBResultSet) statement.executeQuery(sql);
                reader = (ArrowReader) resultSet.arrowExportStream(allocator, batchRows);
                checkTypes(reader.getVectorSchemaRoot().getFieldVectors());
            }
            if (!reader.loadNextBatch()) {
                root.setRowCount(0);
                return false;
            }
            final List<FieldVector> from = reader.getVectorSchemaRoot().getFieldVectors();
            final List<FieldVector> to = root.getFieldVectors();
            for (int i = 0; i < to.size(); i++) {
                from.get(i).makeTransferPair(to.get(i)).transfer();
            }
            root.setRowCount(reader.getVectorSchemaRoot().getRowCount());
            return true;
        } catch (SQLException e) {
            if (cancelled.get()) {
                throw cancelledError(e);
            }
            if (engineMessage(e).contains(STREAM_FAILURE)) {
                final String cause = duckDb.failureOf(sql);
                throw EngineErrors.of(cause == null ? engineMessage(e) : cause, e);
            }
            throw engineError(e);
        } catch (IOException | RuntimeException e) {
            if (cancelled.get()) {
                throw cancelledError(e);
            }
            if (e instanceof SqlException sql) {
                throw sql;
            }
            throw new SqlException(ErrorCode.SQL_DATA, "Query failed while running: " + engineMessage(e), 0, 0, e);
        }
    }

    private void checkTypes(List<FieldVector> vectors) {
        if (vectors.size() != schema.getFields().size()) {
            throw new SqlException(ErrorCode.INTERNAL, "The engine returned " + vectors.size() + " columns, "
                    + schema.getFields().size() + " were announced", 0, 0, null);
        }
        for (int i = 0; i < vectors.size(); i++) {
            final Field announced = schema.getFields().get(i);
            final Field actual = vectors.get(i).getField();
            if (!announced.getType().equals(actual.getType())) {
                throw new SqlException(ErrorCode.INTERNAL, "The engine returned column " + announced.getName()
                        + " as " + actual.getType() + ", announced as " + announced.getType(), 0, 0, null);
            }
        }
    }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // The query has finished or the statement is closed: nothing left to stop.
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            throw new SqlException(ErrorCode.INTERNAL, "Cannot release query results: " + e.getMessage(), 0, 0, e);
        } finally {
            root.close();
            closeQuietly(resultSet, statement, connection);
        }
    }

    private static SqlException cancelledError(Throwable cause) {
        return new SqlException(ErrorCode.CANCELLED, "Query cancelled", 0, 0, cause);
    }

    static SqlException engineError(SQLException e) {
        return EngineErrors.of(engineMessage(e), e);
    }

    private static String engineMessage(Throwable e) {
        final String message = e.getMessage() == null ? e.toString() : e.getMessage();
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing after a failure or after the last batch; the first error is the one that matters.
            }
        }
    }
}
