package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.ingest.csv.CsvOptions;
import dev.weft.odf.ingest.csv.CsvRecord;
import dev.weft.odf.ingest.csv.CsvTokenizer;
import dev.weft.odf.model.ReadStep;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV files one typed record at a time, in file order: header handling, column count checks and value parsing,
 * with errors naming file, line, column and value. The column holding the event time (named by the dataset's
 * vocabulary) is taken out of the data columns. Memory use is bounded by the longest line. Not thread-safe.
 */
final class CsvRowReader implements RowReader {
    private final List<Path> files;
    private final CsvOptions options;
    private final ColumnType.Formats formats;
    private final String eventTimeName;
    private final OperationColumn opName;
    private final long defaultEventTime;
    private List<IngestColumn> columns;
    private ColumnLayout layout;
    private int nextFile;
    private Path file;
    private CsvTokenizer tokenizer;
    private CsvRecord pending;
    private long bytesBefore;
    private CountingStream counting;
    private long records;

    private CsvRowReader(List<Path> files, ReadStep.Csv csv, List<IngestColumn> declared, String eventTimeName,
            OperationColumn opName, long defaultEventTime) {
        this.opName = opName;
        this.files = List.copyOf(files);
        this.options = csvOptions(csv);
        this.formats = new ColumnType.Formats(csv.dateFormat(), csv.timestampFormat());
        this.columns = declared;
        this.eventTimeName = eventTimeName;
        this.defaultEventTime = defaultEventTime;
    }

    /**
     * Opens the first file, so that the columns are known before any record is read.
     *
     * @param opName the column carrying each record's operation (changelog and upsert inputs), or null
     */
    static CsvRowReader open(List<Path> files, ReadStep.Csv csv, List<IngestColumn> declared, String eventTimeName,
            OperationColumn opName, long defaultEventTime) {
        if (files.isEmpty()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "No input files given");
        }
        List<IngestColumn> columns = declared;
        if (Boolean.TRUE.equals(csv.inferSchema())) {
            if (declared != null) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST,
                        "A CSV read step declares a schema and asks to infer one (inferSchema: true); keep one of them");
            }
            columns = CsvSchemaInference.infer(files, csvOptions(csv));
        }
        final CsvRowReader reader = new CsvRowReader(files, csv, columns, eventTimeName, opName, defaultEventTime);
        try {
            reader.openNextFile();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    private static CsvOptions csvOptions(ReadStep.Csv csv) {
        return CsvOptions.of(csv.separator(), csv.quote(), csv.escape(), csv.header(), csv.nullValue(), csv.encoding());
    }

    /** The data columns (all columns but the event time column). */
    @Override
    public List<IngestColumn> dataColumns() {
        return layout.dataColumns();
    }

    @Override
    public IngestRow next() {
        while (tokenizer != null) {
            final CsvRecord record = pending != null ? pending : readRecord();
            pending = null;
            if (record != null) {
                records++;
                return typedRow(record);
            }
            closeFile();
            if (nextFile < files.size()) {
                openNextFile();
            }
        }
        return null;
    }

    @Override
    public long recordsRead() {
        return records;
    }

    @Override
    public long bytesRead() {
        return bytesBefore + (counting == null ? 0 : counting.count);
    }

    @Override
    public void close() {
        closeFile();
    }

    private void openNextFile() {
        file = files.get(nextFile++);
        try {
            counting = new CountingStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Input file " + file + " does not exist");
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        tokenizer = new CsvTokenizer(counting, file.toString(), options);
        pending = readRecord();
        if (options.header() && pending != null) {
            if (columns == null) {
                final List<IngestColumn> fromHeader = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    fromHeader.add(new IngestColumn(pending.text(i), ColumnType.STRING));
                }
                columns = fromHeader;
            }
            pending = readRecord();
        }
        if (columns == null) {
            throw new WeftException(ErrorCode.INVALID_MANIFEST, "Cannot read " + file
                    + ": the push source declares no schema and its CSV has no header (header: true)");
        }
        if (layout == null) {
            layout = new ColumnLayout(columns, eventTimeName, opName, formats, defaultEventTime, file.toString());
        }
    }

    private CsvRecord readRecord() {
        try {
            return tokenizer.next();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void closeFile() {
        if (tokenizer != null) {
            bytesBefore += counting.count;
            counting = null;
            try {
                tokenizer.close();
            } catch (IOException e) {
                throw new WeftException(ErrorCode.IO, "Cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                tokenizer = null;
            }
        }
    }

    private IngestRow typedRow(CsvRecord record) {
        if (record.size() != columns.size()) {
            throw new WeftException(ErrorCode.INVALID_DATA, file + ":" + record.line() + ": expected "
                    + columns.size() + " columns " + IngestColumns.names(columns) + ", found " + record.size());
        }
        return layout.row(new ColumnLayout.Fields() {
            @Override
            public String text(int i) {
                return record.text(i);
            }

            @Override
            public String position(int i) {
                return file + ":" + record.line() + ":" + record.column(i);
            }
        });
    }

    /** Counts the bytes read, for progress reports. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            final int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
