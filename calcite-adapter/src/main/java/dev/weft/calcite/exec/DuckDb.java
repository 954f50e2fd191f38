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

    /**
     * @param threads worker threads for one query (0 for one per core)
     * @param memoryLimit DuckDB memory limit such as {@code "2GB"}, or null for DuckDB's default (80% of RAM)
     */
    public DuckDb(int threads, String memoryLimit) {
        try {
            final Properties properties = new Properties();
            // Results stream to clients batch by batch; DuckDB may produce them out of order otherwise.
            properties.setProperty("preserve_insertion_order", "true");
            // Results are computed as they are read instead of whole before the first batch: the transfer overlaps the
            // query, and a large result is never held in full.
            properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = database.createStatement()) {
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

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            throw new WeftException(ErrorCode.INTERNAL, "Cannot close the query engine: " + e.getMessage(), e);
        }
    }
}
