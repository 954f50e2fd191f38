package dev.weft.calcite.exec;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The embedded vectorized engine: one in-memory DuckDB database per query engine, reading the datasets' Parquet slice
 * files in place. Every query gets its own connection (cheap: connections share the database and its caches).
 */
public final class DuckDb implements AutoCloseable {
    private final DuckDBConnection database;
    private final int threads;
    private final String memoryLimit;
    private DuckDBConnection diagnostics;

    /**
     * @param threads worker threads for one query (0 for one per core)
     * @param memoryLimit DuckDB memory limit such as {@code "2GB"}, or null for DuckDB's default (80% of RAM)
     */
    public DuckDb(int threads, String memoryLimit) {
        this.threads = threads;
        this.memoryLimit = memoryLimit;
        // Results are computed as they are read instead of whole before the first batch: the transfer overlaps the
        // query, and a large result is never held in full.
        database = open(true);
    }

    private DuckDBConnection open(boolean streaming) {
        try {
            final Properties properties = new Properties();
            // Results stream to clients batch by batch; DuckDB may produce them out of order otherwise.
            properties.setProperty("preserve_insertion_order", "true");
            properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, Boolean.toString(streaming));
            final DuckDBConnection opened = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                // PostgreSQL semantics: integer / integer is an integer.
                statement.execute("SET integer_division = true");
                // Slice files are immutable (named by their hash), so caching their metadata is always valid.
                statement.execute("SET parquet_metadata_cache = true");
                if (threads > 0) {
                    statement.execute("SET threads = " + threads);
                }
                if (memoryLimit != null) {
                    statement.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
                }
            }
            return opened;
        } catch (SQLException e) {
            throw new WeftException(ErrorCode.INTERNAL, "Cannot start the embedded query engine (DuckDB): "
                    + e.getMessage(), e);
        }
    }

    /** A new connection to the shared database; the caller closes it. */
    public Connection connect() {
        try {
            return database.duplicate();
        } catch (SQLException e) {
            throw new WeftException(ErrorCode.INTERNAL, "Cannot open a query engine connection: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code sql}, which failed while streaming, again without streaming, and returns the engine's error
     * message, or null when it succeeds this time. DuckDB's JDBC driver reports every failure of a streamed query as
     * "Invalid result set"; run whole, the same failure names its cause. Only failed queries pay for this.
     */
    public String failureOf(String sql) {
        try (Connection connection = diagnostics(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private synchronized Connection diagnostics() throws SQLException {
        if (diagnostics == null) {
            diagnostics = open(false);
        }
        return diagnostics.duplicate();
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (diagnostics != null) {
                    diagnostics.close();
                }
            }
            database.close();
        } catch (SQLException e) {
            throw new WeftException(ErrorCode.INTERNAL, "Cannot close the query engine: " + e.getMessage(), e);
        }
    }
}
