package dev.weft.odf.ingest;

import dev.weft.odf.data.SliceReader;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads Parquet files batch by batch and matches their columns to the source's columns by name; without a declared
 * schema the first file's columns are used with their own types. Values are carried over by their text, so the same
 * parsing and checks apply as for CSV and JSON. Memory use is bounded by one row group.
 */
final class ParquetRowReader implements RowReader {
    private final List<Path> files;
    private final List<IngestColumn> declared;
    private final String eventTimeName;
    private final OperationColumn opName;
    private final long defaultEventTime;
    private final BufferAllocator allocator = new RootAllocator();
    private ColumnLayout layout;
    private int nextFile;
    private Path file;
    private SliceReader reader;
    private FieldVector[] vectors;
    private int row;
    private int rows;
    private long records;
    private long bytesDone;

    private ParquetRowReader(List<Path> files, List<IngestColumn> declared, String eventTimeName, OperationColumn opName,
            long defaultEventTime) {
        this.files = List.copyOf(files);
        this.declared = declared;
        this.eventTimeName = eventTimeName;
        this.opName = opName;
        this.defaultEventTime = defaultEventTime;
    }

    static ParquetRowReader open(List<Path> files, List<IngestColumn> declared, String eventTimeName, OperationColumn opName,
            long defaultEventTime) {
        if (files.isEmpty()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "No input files given");
        }
        final ParquetRowReader reader = new ParquetRowReader(files, declared, eventTimeName, opName, defaultEventTime);
        try {
            reader.openNextFile();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    @Override
    public List<IngestColumn> dataColumns() {
        return layout.dataColumns();
    }

    @Override
    public IngestRow next() {
        while (reader != null) {
            if (row < rows) {
                records++;
                final int current = row++;
                return layout.row(new ColumnLayout.Fields() {
                    @Override
                    public String text(int i) {
                        return ParquetRowReader.text(vectors[i], current);
                    }

                    @Override
                    public String position(int i) {
                        return file + ": record " + records;
                    }
                });
            }
            if (reader.loadNextBatch()) {
                row = 0;
                rows = reader.root().getRowCount();
                bindVectors(reader.root());
            } else {
                closeFile();
                if (nextFile < files.size()) {
                    openNextFile();
                }
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
        return bytesDone;
    }

    @Override
    public void close() {
        try {
            closeFile();
        } finally {
            allocator.close();
        }
    }

    private void openNextFile() {
        file = files.get(nextFile++);
        if (!Files.isRegularFile(file)) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Input file " + file + " does not exist");
        }
        reader = SliceReader.open(file, allocator);
        if (layout == null) {
            final List<IngestColumn> columns = declared != null ? declared : columnsOf(reader.schema().getFields());
            layout = new ColumnLayout(columns, eventTimeName, opName, ColumnType.Formats.DEFAULT, defaultEventTime,
                    file.toString());
        }
        if (declared != null) {
            requireDeclaredColumns(reader.schema().getFields());
        }
        rows = 0;
        row = 0;
    }

    /**
     * Refuses a file that lacks a column of the read schema: read by name, such a column would otherwise become a
     * column of NULLs without a word (kamu refuses it too).
     */
    private void requireDeclaredColumns(List<Field> fields) {
        final Set<String> present = new HashSet<>();
        for (Field field : fields) {
            present.add(field.getName());
        }
        final List<String> missing = new ArrayList<>();
        for (IngestColumn column : layout.columns()) {
            if (!present.contains(column.name())) {
                missing.add(column.name());
            }
        }
        if (!missing.isEmpty()) {
            final List<String> names = fields.stream().map(Field::getName).toList();
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot read " + file + ": it has no column"
                    + (missing.size() == 1 ? " " : "s ") + missing + " of the read schema; its columns are " + names);
        }
    }

    private void bindVectors(VectorSchemaRoot root) {
        final List<IngestColumn> columns = layout.columns();
        vectors = new FieldVector[columns.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = root.getVector(columns.get(i).name());
        }
    }

    private void closeFile() {
        if (reader != null) {
            try {
                bytesDone += Files.size(file);
            } catch (java.io.IOException e) {
                throw new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
            } finally {
                reader.close();
                reader = null;
            }
        }
    }

    private static List<IngestColumn> columnsOf(List<Field> fields) {
        final List<IngestColumn> columns = new ArrayList<>();
        for (Field field : fields) {
            columns.add(new IngestColumn(field.getName(), typeOf(field)));
        }
        return columns;
    }

    private static ColumnType typeOf(Field field) {
        final ArrowType type = field.getType();
        if (type instanceof ArrowType.Int integer) {
            return ColumnType.of(integer.getBitWidth() == 64 ? ColumnType.Kind.INT64 : ColumnType.Kind.INT32);
        }
        if (type instanceof ArrowType.FloatingPoint floating) {
            return ColumnType.of(floating.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE
                    ? ColumnType.Kind.FLOAT64 : ColumnType.Kind.FLOAT32);
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8 || type instanceof ArrowType.Utf8View) {
            return ColumnType.STRING;
        }
        if (type instanceof ArrowType.Bool) {
            return ColumnType.of(ColumnType.Kind.BOOL);
        }
        if (type instanceof ArrowType.Date) {
            return ColumnType.of(ColumnType.Kind.DATE);
        }
        if (type instanceof ArrowType.Timestamp) {
            return ColumnType.TIMESTAMP;
        }
        if (type instanceof ArrowType.Decimal decimal) {
            return ColumnType.decimal(decimal.getPrecision(), decimal.getScale());
        }
        throw new WeftException(ErrorCode.UNSUPPORTED, "Column '" + field.getName() + "' has type " + type
                + ", which ingest cannot read yet");
    }

    /**
     * The text of a value, in the forms {@link ColumnType#parse} reads; null for null, or for a column missing from a
     * later file when the source declares no schema (a declared column missing from a file is refused at open).
     */
    private static String text(FieldVector vector, int row) {
        if (vector == null || vector.isNull(row)) {
            return null;
        }
        if (vector instanceof TimeStampVector timestamp) {
            final ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
            final long value = timestamp.get(row);
            final Instant instant = switch (type.getUnit()) {
                case SECOND -> Instant.ofEpochSecond(value);
                case MILLISECOND -> Instant.ofEpochMilli(value);
                case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                        Math.floorMod(value, 1_000_000L) * 1_000L);
                case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                        Math.floorMod(value, 1_000_000_000L));
            };
            return instant.toString();
        }
        if (vector instanceof DateDayVector days) {
            return LocalDate.ofEpochDay(days.get(row)).toString();
        }
        final Object value = vector.getObject(row);
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
