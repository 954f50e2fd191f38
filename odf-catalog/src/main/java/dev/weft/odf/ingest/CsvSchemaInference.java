package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.ingest.csv.CsvOptions;
import dev.weft.odf.ingest.csv.CsvRecord;
import dev.weft.odf.ingest.csv.CsvTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Infers column types of CSV files for sources that ask for it ({@code inferSchema: true}), in one extra pass over
 * all input: each column gets the narrowest of {@code BIGINT}, {@code DOUBLE}, {@code BOOLEAN}, {@code DATE},
 * {@code TIMESTAMP} that all its non-null values parse as, else {@code STRING}. Names come from the header, or are
 * {@code _c0}, {@code _c1}, … without one.
 */
final class CsvSchemaInference {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"
            + "(Z|[+-]\\d{2}:?\\d{2})?");

    /** Candidate types from narrowest to widest; a column keeps the first that all its values fit. */
    private enum Candidate { NONE, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, STRING }

    private CsvSchemaInference() {}

    static List<IngestColumn> infer(List<Path> files, CsvOptions options) {
        List<String> names = null;
        final List<Candidate> types = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file);
                    CsvTokenizer tokenizer = new CsvTokenizer(in, file.toString(), options)) {
                CsvRecord record = tokenizer.next();
                if (options.header() && record != null) {
                    if (names == null) {
                        names = new ArrayList<>();
                        for (int i = 0; i < record.size(); i++) {
                            names.add(record.text(i));
                        }
                    }
                    record = tokenizer.next();
                }
                for (; record != null; record = tokenizer.next()) {
                    while (types.size() < record.size()) {
                        types.add(Candidate.NONE);
                    }
                    for (int i = 0; i < record.size(); i++) {
                        final String text = record.text(i);
                        if (text != null) {
                            types.set(i, widen(types.get(i), classify(text.trim())));
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                throw new WeftException(ErrorCode.NOT_FOUND, "Input file " + file + " does not exist");
            } catch (IOException e) {
                throw new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        final int count = Math.max(names == null ? 0 : names.size(), types.size());
        final List<IngestColumn> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String name = names != null && i < names.size() ? names.get(i) : "_c" + i;
            columns.add(new IngestColumn(name, type(i < types.size() ? types.get(i) : Candidate.NONE)));
        }
        return columns;
    }

    private static Candidate classify(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Candidate.BIGINT;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Candidate.DOUBLE;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Candidate.BOOLEAN;
        }
        if (DATE.matcher(text).matches()) {
            return Candidate.DATE;
        }
        return TIMESTAMP.matcher(text).matches() ? Candidate.TIMESTAMP : Candidate.STRING;
    }

    private static Candidate widen(Candidate seen, Candidate value) {
        if (seen == Candidate.NONE || seen == value) {
            return value;
        }
        if (isNumber(seen) && isNumber(value)) {
            return Candidate.DOUBLE;
        }
        if (isTime(seen) && isTime(value)) {
            return Candidate.TIMESTAMP;
        }
        return Candidate.STRING;
    }

    private static boolean isNumber(Candidate type) {
        return type == Candidate.BIGINT || type == Candidate.DOUBLE;
    }

    private static boolean isTime(Candidate type) {
        return type == Candidate.DATE || type == Candidate.TIMESTAMP;
    }

    private static ColumnType type(Candidate candidate) {
        switch (candidate) {
            case BIGINT: return ColumnType.of(ColumnType.Kind.INT64);
            case DOUBLE: return ColumnType.of(ColumnType.Kind.FLOAT64);
            case BOOLEAN: return ColumnType.of(ColumnType.Kind.BOOL);
            case DATE: return ColumnType.of(ColumnType.Kind.DATE);
            case TIMESTAMP: return ColumnType.TIMESTAMP;
            default: return ColumnType.STRING;
        }
    }
}
