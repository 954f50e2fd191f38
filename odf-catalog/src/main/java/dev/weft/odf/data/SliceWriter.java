package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
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
 * <p>Not thread-safe; {@link #close()} without {@link #finish()} abandons the slice, leaving an incomplete file or
 * stream for the caller to discard.
 */
public final class SliceWriter implements AutoCloseable {
    /** Default Parquet row-group size in bytes. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SliceWriter.class);
    private static final int HASH_BATCHES_AHEAD = 4;

    private final String name;
    private final Path file;
    private final StreamOutputFile output;
    private final StreamHash physicalHash;
    private final Schema schema;
    private final ArrowParquetWriter writer;
    private final LogicalHash logicalHash;
    private final boolean hashFromFile;
    private final ExecutorService hasher;
    private final Semaphore hashSlots = new Semaphore(HASH_BATCHES_AHEAD);
    private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
    private long rowCount;
    private boolean closed;

    /** Gives the physical hash of what was written to a stream, once the stream is closed. */
    @FunctionalInterface
    public interface StreamHash {
        Multihash get() throws IOException;
    }

    private SliceWriter(String name, Path file, OutputStream out, StreamHash physicalHash, Schema schema,
            long rowGroupBytes) throws IOException {
        this.name = name;
        this.file = file;
        this.output = new StreamOutputFile(out, name);
        this.physicalHash = physicalHash;
        this.schema = schema;
        this.logicalHash = new LogicalHash(schema);
        this.hashFromFile = schema.getFields().stream().anyMatch(SliceWriter::hasStruct);
        this.hasher = hashFromFile ? null : Executors.newSingleThreadExecutor(task -> {
            final Thread thread = new Thread(task, "weft-slice-hash");
            thread.setDaemon(true);
            return thread;
        });
        this.writer = new ArrowParquetWriter(output, schema, rowGroupBytes);
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
        Objects.requireNonNull(file, "file");
        final OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot create data slice " + file + ": " + e.getMessage(), e);
        }
        return create(file.toString(), file, out, () -> Multihash.sha3(file), schema, rowGroupBytes);
    }

    /**
     * Opens a writer into {@code out}, which it closes when the slice is finished or abandoned; {@code physicalHash}
     * gives the hash of the bytes written once the stream is closed, so a stream that hashes what passes through it
     * spares reading the file back. {@code name} names the slice in errors.
     *
     * @throws WeftException {@link ErrorCode#UNSUPPORTED} for schemas with struct columns, whose logical hash is
     *     computed by reading the written file back (use {@link #create(Path, Schema, long)}), and as {@link
     *     #create(Path, Schema, long)}
     */
    public static SliceWriter create(OutputStream out, String name, Schema schema, long rowGroupBytes,
            StreamHash physicalHash) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(physicalHash, "physicalHash");
        return create(name, null, out, physicalHash, schema, rowGroupBytes);
    }

    private static SliceWriter create(String name, Path file, OutputStream out, StreamHash physicalHash,
            Schema schema, long rowGroupBytes) {
        try {
            Objects.requireNonNull(schema, "schema");
            SliceSchema.requireSliceSchema(schema);
            if (file == null && schema.getFields().stream().anyMatch(SliceWriter::hasStruct)) {
                throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot stream data slice " + name
                        + ": its struct columns are hashed from the written file, so it must be written to a path");
            }
            return new SliceWriter(name, file, out, physicalHash, schema, rowGroupBytes);
        } catch (IOException | RuntimeException e) {
            closeQuietly(out, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WeftException(ErrorCode.IO, "Cannot create data slice " + name + ": " + e.getMessage(), e);
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
            throw new IllegalStateException("slice writer for " + name + " is closed");
        }
        if (!batch.getSchema().equals(schema)) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot write batch to data slice " + name
                    + ": its schema " + batch.getSchema() + " differs from the slice schema " + schema);
        }
        if (!hashFromFile && batch.getRowCount() > 0) {
            hashInBackground(share(batch));
        }
        try {
            writer.write(batch);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot write data slice " + name + ": " + e.getMessage(), e);
        }
        rowCount += batch.getRowCount();
    }

    /** Completes the file and returns its row count, size and hashes; the writer is closed afterwards. */
    public SliceFile finish() {
        if (closed) {
            throw new IllegalStateException("slice writer for " + name + " is closed");
        }
        closed = true;
        try {
            writer.close();
            final Multihash logical = hashFromFile ? hashFile() : awaitLogicalHash();
            final SliceFile result = new SliceFile(rowCount, output.position(), physicalHash.get(), logical);
            LOG.debug("Wrote data slice {}: {} rows, {} bytes", name, rowCount, result.sizeBytes());
            return result;
        } catch (IOException e) {
            closeQuietly(output.out, e);
            throw new WeftException(ErrorCode.IO, "Cannot finish data slice " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(output.out, e);
            throw e;
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
            throw new WeftException(ErrorCode.IO, "Interrupted while writing data slice " + name, e);
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
            writer.abort();
            output.out.close();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot close data slice " + name + ": " + e.getMessage(), e);
        } finally {
            stopHashing();
        }
    }

    /** Closes a stream after a failure, keeping the failure as the one reported. */
    private static void closeQuietly(OutputStream out, Exception failure) {
        try {
            out.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** parquet-java's view of a stream: it only appends, so the position is the count of bytes written. */
    private static final class StreamOutputFile implements OutputFile {
        final OutputStream out;
        private final String name;
        private long position;

        StreamOutputFile(OutputStream out, String name) {
            this.out = out;
            this.name = name;
        }

        long position() {
            return position;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return name;
        }
    }
}
