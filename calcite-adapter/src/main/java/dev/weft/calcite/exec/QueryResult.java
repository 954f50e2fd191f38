package dev.weft.calcite.exec;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of one query execution as a stream of Arrow record batches, loaded one at a time into the same
 * {@link #root()}: nothing is materialized beyond the current batch. Not thread-safe, except {@link #cancel()}.
 */
public interface QueryResult extends AutoCloseable {
    /** The schema every batch has (the announced result schema of the query). */
    Schema schema();

    /** The root that each {@link #loadNextBatch()} fills; valid until {@link #close()}. */
    VectorSchemaRoot root();

    /**
     * Loads the next batch into {@link #root()}.
     *
     * @return false when the rows are exhausted
     * @throws dev.weft.calcite.SqlException when the query fails while running, or {@code CANCELLED}
     */
    boolean loadNextBatch();

    /** Asks the running query to stop; the next {@link #loadNextBatch()} fails with {@code CANCELLED}. */
    void cancel();

    /** Releases the batch memory and the engine resources; safe to call twice. */
    @Override
    void close();
}
