package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a data slice, or any Parquet file of supported types, as a stream of Arrow batches of at most a given number
 * of rows.
 *
 * <p>The Arrow schema is the one stored under {@code ARROW:schema} when the file has it (so Utf8View columns and
 * timestamp zones come back as written), else one inferred from the Parquet schema as arrow-rs infers it. Like Arrow's
 * own {@code ArrowReader}, one {@link #root()} is reused: {@link #loadNextBatch()} replaces its content. Only one row
 * group's pages and one batch are held in memory. Not thread-safe; the reader owns the root and the file handle.
 */
public final class SliceReader implements AutoCloseable {
    /** Default maximum rows per batch. */
    public static final int DEFAULT_BATCH_ROWS = 8192;

    private final String file;
    private final ParquetFileReader reader;
    private final Schema schema;
    private final MessageColumnIO columnIO;
    private final VectorSchemaRoot root;
    private final ArrowRecordMaterializer materializer;
    private final int batchRows;
    private RecordReader<Object> records;
    private long rowsLeftInGroup;

    private SliceReader(Path path, BufferAllocator allocator, int batchRows) throws IOException {
        this.file = path.toString();
        this.batchRows = batchRows;
        this.reader = ParquetFileReader.open(new LocalInputFile(path),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        try {
            final MessageType parquetSchema = reader.getFileMetaData().getSchema();
            final String embedded = reader.getFileMetaData().getKeyValueMetaData()
                    .get(ParquetSchemas.ARROW_SCHEMA_KEY);
            this.schema = embedded != null ? ParquetSchemas.decodeArrowSchema(embedded, file)
                    : ParquetSchemas.toArrow(parquetSchema, file);
            for (Field field : schema.getFields()) {
                if (field.getDictionary() != null) {
                    throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot read column '" + field.getName() + "' of "
                            + file + ": dictionary-encoded Arrow columns are not supported");
                }
            }
            this.columnIO = new ColumnIOFactory().getColumnIO(parquetSchema);
            this.root = VectorSchemaRoot.create(schema, allocator);
            try {
                this.materializer = new ArrowRecordMaterializer(root, parquetSchema, file);
            } catch (RuntimeException e) {
                root.close();
                throw e;
            }
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Opens a reader producing batches of up to {@link #DEFAULT_BATCH_ROWS} rows. */
    public static SliceReader open(Path file, BufferAllocator allocator) {
        return open(file, allocator, DEFAULT_BATCH_ROWS);
    }

    /**
     * Opens a reader; its batches are allocated from {@code allocator}, which must outlive the reader.
     *
     * @throws WeftException {@link ErrorCode#IO} when the file cannot be read, {@link ErrorCode#INVALID_DATA} when it
     *     is not valid Parquet, {@link ErrorCode#UNSUPPORTED} for column layouts this reader does not handle
     */
    public static SliceReader open(Path file, BufferAllocator allocator, int batchRows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(allocator, "allocator");
        if (batchRows <= 0) {
            throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
        }
        try {
            return new SliceReader(file, allocator, batchRows);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot open Parquet file " + file + ": " + e.getMessage(), e);
        } catch (WeftException e) {
            throw e;
        } catch (RuntimeException e) {
            // parquet-java reports a malformed footer with a bare RuntimeException.
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot read Parquet file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** The Arrow schema of the batches. */
    public Schema schema() {
        return schema;
    }

    /** Total rows in the file, from its footer. */
    public long rowCount() {
        return reader.getRecordCount();
    }

    /** The footer's key-value metadata. */
    public Map<String, String> keyValueMetadata() {
        return reader.getFileMetaData().getKeyValueMetaData();
    }

    /** The batch that {@link #loadNextBatch()} fills; owned by this reader. */
    public VectorSchemaRoot root() {
        return root;
    }

    /**
     * Replaces the root's content with the next rows.
     *
     * @return false, leaving the root empty, when the file has no more rows
     */
    public boolean loadNextBatch() {
        root.allocateNew();
        int rows = 0;
        try {
            while (rows < batchRows && advanceRowGroup()) {
                materializer.setRow(rows);
                records.read();
                rowsLeftInGroup--;
                rows++;
            }
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot read Parquet file " + file + ": " + e.getMessage(), e);
        } catch (ParquetDecodingException e) {
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot decode Parquet file " + file + ": "
                    + e.getMessage(), e);
        }
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setValueCount(rows);
        }
        root.setRowCount(rows);
        return rows > 0;
    }

    private boolean advanceRowGroup() throws IOException {
        while (rowsLeftInGroup == 0) {
            final PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            rowsLeftInGroup = pages.getRowCount();
            records = columnIO.getRecordReader(pages, materializer);
        }
        return true;
    }

    @Override
    public void close() {
        try {
            root.close();
        } finally {
            try {
                reader.close();
            } catch (IOException e) {
                throw new WeftException(ErrorCode.IO, "Cannot close Parquet file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
