package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.odf.error.ErrorCode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * A query running in DuckDB, streamed as Arrow batches through the C data interface. The engine's columns
 * ({@code c0, c1, ...}, already cast to the announced types) are presented under the announced names.
 */
final class DuckDbResult implements QueryResult {
    private final Schema schema;
    private final Connection connection;
    private final Statement statement;
    private final DuckDBResultSet resultSet;
    private final ArrowReader reader;
    private final VectorSchemaRoot root;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private boolean closed;

    private DuckDbResult(Schema schema, Connection connection, Statement statement, DuckDBResultSet resultSet,
            ArrowReader reader) throws IOException {
        this.schema = schema;
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.reader = reader;
        final List<FieldVector> vectors = reader.getVectorSchemaRoot().getFieldVectors();
        if (vectors.size() != schema.getFields().size()) {
            throw new IllegalStateException("Engine returned " + vectors.size() + " columns, expected "
                    + schema.getFields().size());
        }
        for (int i = 0; i < vectors.size(); i++) {
            final Field announced = schema.getFields().get(i);
            final Field actual = vectors.get(i).getField();
            if (!announced.getType().equals(actual.getType())) {
                throw new IllegalStateException("Engine returned column " + i + " as " + actual.getType()
                        + ", announced " + announced.getType());
            }
        }
        this.root = new VectorSchemaRoot(schema.getFields(), new ArrayList<>(vectors), 0);
    }

    /** Starts {@code sql} on a new connection of {@code duckDb}. */
    static DuckDbResult start(DuckDb duckDb, String sql, Schema schema, BufferAllocator allocator, int batchRows) {
        final Connection connection = duckDb.connect();
        Statement statement = null;
        try {
            statement = connection.createStatement();
            final DuckDBResultSet resultSet = (DuckDBResultSet) statement.executeQuery(sql);
            final ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(allocator, batchRows);
            return new DuckDbResult(schema, connection, statement, resultSet, reader);
        } catch (SQLException e) {
            closeQuietly(statement, connection);
            throw engineError(e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(statement, connection);
            throw new SqlException(ErrorCode.INTERNAL, "Query engine failed: " + e.getMessage(), 0, 0, e);
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
            final boolean loaded = reader.loadNextBatch();
            root.setRowCount(loaded ? reader.getVectorSchemaRoot().getRowCount() : 0);
            return loaded;
        } catch (IOException | RuntimeException e) {
            if (cancelled.get()) {
                throw cancelledError(e);
            }
            throw new SqlException(ErrorCode.SQL_DATA, "Query failed while running: " + engineMessage(e), 0, 0, e);
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
            reader.close();
        } catch (IOException e) {
            throw new SqlException(ErrorCode.INTERNAL, "Cannot release query results: " + e.getMessage(), 0, 0, e);
        } finally {
            closeQuietly(resultSet, statement, connection);
        }
    }

    private static SqlException cancelledError(Throwable cause) {
        return new SqlException(ErrorCode.CANCELLED, "Query cancelled", 0, 0, cause);
    }

    static SqlException engineError(SQLException e) {
        final String message = engineMessage(e);
        final ErrorCode code = message.startsWith("Conversion Error") || message.startsWith("Out of Range Error")
                || message.startsWith("Invalid Input Error") || message.contains("Division by zero")
                ? ErrorCode.SQL_DATA
                : message.startsWith("INTERRUPT") ? ErrorCode.CANCELLED : ErrorCode.INTERNAL;
        return new SqlException(code, code == ErrorCode.INTERNAL ? "Query engine failed: " + message : message,
                0, 0, e);
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
