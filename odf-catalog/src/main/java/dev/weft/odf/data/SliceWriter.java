package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one ODF data slice: a Snappy-compressed Parquet file whose schema starts with the system columns and whose
 * footer carries the Arrow schema under {@code ARROW:schema}.
 *
 * <p>Batches are encoded as they arrive and row groups are flushed once they reach the row-group size, so memory stays
 * bounded by one row group whatever the slice size. The logical hash is computed over the same batches as they are
 * written; for schemas with struct columns it is instead computed by reading the finished file back, because
 * arrow-digest's struct null handling sees a child cell under a null struct differently before and after a Parquet
 * round trip, and kamu hashes the file. The logical hash of written batches runs on a thread of its own, up to
 * {@link #HASH_BATCHES_AHEAD} batches behind the Parquet encoding: both only read a batch, so the hash sees a
 * zero-copy share of its buffers while the caller is free to refill the batch.
 *
 * <p>Not thread-safe; {@link #close()} without {@link #finish()} abandons the file (the caller owns the staging
 * path).
 */
public final class SliceWriter implements AutoCloseable {
    /** Default Parquet row-group size in bytes. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SliceWriter.class);
    private static final int HASH_BATCHES_AHEAD = 4;

    private final Path file;
    private final Schema schema;
    private final ArrowWriteSupport support;
    private final ParquetWriter<Integer> writer;
    private final LogicalHash logicalHash;
    private final boolean hashFromFile;
    private final FileHash physicalHash;
    private final ExecutorService hasher;
    private final Semaphore hashSlots = new Semaphore(HASH_BATCHES_AHEAD);
    private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
    private long rowCount;
    private boolean closed;

    /** Computes the physical hash of a finished slice file. */
    @FunctionalInterface
    public interface FileHash {
        Multihash of(Path file) throws IOException;
    }

    private SliceWriter(Path file, Schema schema, long rowGroupBytes, FileHash physicalHash) throws IOException {
        this.file = file;
        this.physicalHash = physicalHash;
        this.schema = schema;
        this.logicalHash = new LogicalHash(schema);
        this.hashFromFile = schema.getFields().stream().anyMatch(SliceWriter::hasStruct);
        this.hasher = hashFromFile ? null : Executors.newSingleThreadExecutor(task -> {
            final Thread thread = new Thread(task, "weft-slice-hash");
            thread.setDaemon(true);
            return thread;
        });
        this.support = new ArrowWriteSupport(schema);
        this.writer = new Builder(new LocalOutputFile(file), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .build();
    }

    /** Opens a writer with the default row-group size; an existing file at {@code file} is replaced. */
    public static SliceWriter create(Path file, Schema schema) {
        return create(file, schema, DEFAULT_ROW_GROUP_BYTES);
    }

    /**
     * Opens a writer; an existing file at {@code file} is replaced.
     *
     * @throws WeftException {@link ErrorCode#INVALID_ARGUMENT} when the schema does not start with the system columns,
     *     {@link ErrorCode#UNSUPPORTED} for column types slices cannot hold, {@link ErrorCode#IO} when the file cannot
     *     be created
     */
    public static SliceWriter create(Path file, Schema schema, long rowGroupBytes) {
        return create(file, schema, rowGroupBytes, Multihash::sha3);
    }

    /**
     * Opens a writer whose finished file is hashed by {@code physicalHash}: a store that checks the hash of files it
     * commits can compute it once for both.
     */
    public static SliceWriter create(Path file, Schema schema, long rowGroupBytes, FileHash physicalHash) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(physicalHash, "physicalHash");
        SliceSchema.requireSliceSchema(schema);
        try {
            return new SliceWriter(file, schema, rowGroupBytes, physicalHash);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot create data slice " + file + ": " + e.getMessage(), e);
        }
    }

    /** The slice schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * Appends the rows of a batch; the batch is only read and may be reused or closed by the caller afterwards.
     *
     * @throws WeftException {@link ErrorCode#INVALID_ARGUMENT} when the batch schema differs from the slice schema
     */
    public void write(VectorSchemaRoot batch) {
        Objects.requireNonNull(batch, "batch");
        if (closed) {
            throw new IllegalStateException("slice writer for " + file + " is closed");
        }
        if (!batch.getSchema().equals(schema)) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot write batch to data slice " + file
                    + ": its schema " + batch.getSchema() + " differs from the slice schema " + schema);
        }
        if (!hashFromFile && batch.getRowCount() > 0) {
            hashInBackground(share(batch));
        }
        support.setBatch(batch);
        try {
            for (int row = 0; row < batch.getRowCount(); row++) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot write data slice " + file + ": " + e.getMessage(), e);
        } finally {
            support.setBatch(null);
        }
        rowCount += batch.getRowCount();
    }

    /** Completes the file and returns its row count, size and hashes; the writer is closed afterwards. */
    public SliceFile finish() {
        if (closed) {
            throw new IllegalStateException("slice writer for " + file + " is closed");
        }
        closed = true;
        try {
            writer.close();
            final Multihash logical = hashFromFile ? hashFile() : awaitLogicalHash();
            final SliceFile result = new SliceFile(rowCount, Files.size(file), physicalHash.of(file), logical);
            LOG.debug("Wrote data slice {}: {} rows, {} bytes", file, rowCount, result.sizeBytes());
            return result;
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot finish data slice " + file + ": " + e.getMessage(), e);
        } finally {
            stopHashing();
        }
    }

    /** Hashes {@code shared} after the batches before it, then releases it; waits while the hash is too far behind. */
    private void hashInBackground(VectorSchemaRoot shared) {
        try {
            hashSlots.acquire();
        } catch (InterruptedException e) {
            shared.close();
            Thread.currentThread().interrupt();
            throw new WeftException(ErrorCode.IO, "Interrupted while writing data slice " + file, e);
        }
        hashed = hashed.handleAsync((ignored, failure) -> {
            try {
                if (failure != null) {
                    throw failure instanceof CompletionException completion ? completion
                            : new CompletionException(failure);
                }
                logicalHash.update(shared);
                return null;
            } finally {
                shared.close();
                hashSlots.release();
            }
        }, hasher);
    }

    private Multihash awaitLogicalHash() {
        try {
            hashed.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return logicalHash.finish();
    }

    /** Lets the pending hashes end (they hold shares of the caller's buffers, which must go before its allocator). */
    private void stopHashing() {
        if (hasher != null) {
            hashed.exceptionally(failure -> null).join();
            hasher.shutdown();
        }
    }

    /** A batch over the same buffers (reference-counted, no copy), which stay valid after the caller refills its own. */
    private static VectorSchemaRoot share(VectorSchemaRoot batch) {
        final List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            final TransferPair pair = vector.getTransferPair(vector.getAllocator());
            pair.splitAndTransfer(0, batch.getRowCount());
            vectors.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(batch.getSchema(), vectors, batch.getRowCount());
    }

    private Multihash hashFile() {
        try (BufferAllocator allocator = new RootAllocator();
                SliceReader reader = SliceReader.open(file, allocator)) {
            final LogicalHash fromFile = new LogicalHash(reader.schema());
            while (reader.loadNextBatch()) {
                fromFile.update(reader.root());
            }
            return fromFile.finish();
        }
    }

    private static boolean hasStruct(Field field) {
        return field.getType().getTypeID() == ArrowType.ArrowTypeID.Struct
                || field.getChildren().stream().anyMatch(SliceWriter::hasStruct);
    }

    /** Releases the file handle; after {@link #finish()} this does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot close data slice " + file + ": " + e.getMessage(), e);
        } finally {
            stopHashing();
        }
    }

    /** parquet-java's builder bound to our write support; Hadoop types stay inside this class. */
    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final ArrowWriteSupport support;

        Builder(OutputFile file, ArrowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        // Still abstract in parquet-java 1.18 although deprecated; the ParquetConfiguration overload is the one used.
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
