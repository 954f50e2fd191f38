package dev.weft.odf.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON records with a streaming parser: either one object per line ({@code NdJson}) or the objects of an array
 * in one document ({@code Json}), found at {@code subPath} ({@code a.b.c}) or at the root. Fields are matched to the
 * declared columns by name; absent fields are null, undeclared fields are ignored, nested values in scalar columns
 * are errors naming file, line and column. Memory use is bounded by the largest record.
 */
final class JsonRowReader implements RowReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final List<Path> files;
    private final boolean document;
    private final String subPath;
    private final ColumnLayout layout;
    private final String[] texts;
    private final JsonLocation[] locations;
    private int nextFile;
    private Path file;
    private JsonParser parser;
    private long records;
    private long bytesBefore;

    private JsonRowReader(List<Path> files, boolean document, String subPath, ColumnLayout layout) {
        this.files = List.copyOf(files);
        this.document = document;
        this.subPath = subPath;
        this.layout = layout;
        this.texts = new String[layout.columns().size()];
        this.locations = new JsonLocation[texts.length];
    }

    /**
     * Opens the first file.
     *
     * @param document true for one JSON document holding an array of records, false for one record per line
     */
    static JsonRowReader open(List<Path> files, List<IngestColumn> declared, boolean document, String subPath,
            ColumnType.Formats formats, String eventTimeName, OperationColumn opName, long defaultEventTime) {
        if (files.isEmpty()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "No input files given");
        }
        if (declared == null) {
            throw new WeftException(ErrorCode.INVALID_MANIFEST,
                    "JSON sources need a declared schema ('schema' in the read step); schema inference is not supported");
        }
        final JsonRowReader reader = new JsonRowReader(files, document, subPath,
                new ColumnLayout(declared, eventTimeName, opName, formats, defaultEventTime, files.get(0).toString()));
        reader.openNextFile();
        return reader;
    }

    @Override
    public List<IngestColumn> dataColumns() {
        return layout.dataColumns();
    }

    @Override
    public IngestRow next() {
        while (parser != null) {
            final IngestRow row = readRecord();
            if (row != null) {
                records++;
                return row;
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
        return bytesBefore + (parser == null ? 0 : parser.currentLocation().getByteOffset());
    }

    @Override
    public void close() {
        closeFile();
    }

    private void openNextFile() {
        file = files.get(nextFile++);
        try {
            parser = FACTORY.createParser(Files.newInputStream(file));
            if (document) {
                seekArray();
            }
        } catch (NoSuchFileException e) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Input file " + file + " does not exist");
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Moves to the array of records: at the root, or at the end of {@code subPath}. */
    private void seekArray() throws IOException {
        JsonToken token = parser.nextToken();
        final List<String> path = subPath == null || subPath.isEmpty() ? List.of() : Arrays.asList(subPath.split("\\."));
        for (String name : path) {
            if (token != JsonToken.START_OBJECT) {
                throw error(parser.currentTokenLocation(), "expected an object holding '" + name + "' (subPath "
                        + subPath + ")");
            }
            boolean found = false;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (parser.currentName().equals(name)) {
                    token = parser.nextToken();
                    found = true;
                    break;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            if (!found) {
                throw error(parser.currentTokenLocation(), "no field '" + name + "' (subPath " + subPath + ")");
            }
        }
        if (token != JsonToken.START_ARRAY) {
            throw error(parser.currentTokenLocation(), "expected an array of records"
                    + (path.isEmpty() ? " at the root" : " at subPath " + subPath));
        }
    }

    private IngestRow readRecord() {
        try {
            final JsonToken token = parser.nextToken();
            if (token == null || document && token == JsonToken.END_ARRAY) {
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw error(parser.currentTokenLocation(), "expected a JSON object (a record), found " + token);
            }
            Arrays.fill(texts, null);
            final JsonLocation start = parser.currentTokenLocation();
            Arrays.fill(locations, start);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final int column = IngestColumns.indexOf(layout.columns(), parser.currentName());
                final JsonToken value = parser.nextToken();
                if (column < 0) {
                    parser.skipChildren();
                    continue;
                }
                locations[column] = parser.currentTokenLocation();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw error(locations[column], "column '" + parser.currentName()
                            + "': nested values are not supported in " + layout.columns().get(column).type().displayName()
                            + " columns");
                }
                texts[column] = value == JsonToken.VALUE_NULL ? null : parser.getText();
            }
            return layout.row(new ColumnLayout.Fields() {
                @Override
                public String text(int i) {
                    return texts[i];
                }

                @Override
                public String position(int i) {
                    return where(locations[i]);
                }
            });
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private void closeFile() {
        if (parser != null) {
            bytesBefore += parser.currentLocation().getByteOffset();
            try {
                parser.close();
            } catch (IOException e) {
                throw new WeftException(ErrorCode.IO, "Cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                parser = null;
            }
        }
    }

    private String where(JsonLocation location) {
        return file + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private WeftException error(JsonLocation location, String message) {
        return new WeftException(ErrorCode.INVALID_DATA, where(location) + ": " + message);
    }

    private WeftException malformed(IOException e) {
        if (e instanceof JsonParseException parse) {
            return new WeftException(ErrorCode.INVALID_DATA, where(parse.getLocation()) + ": malformed JSON: "
                    + parse.getOriginalMessage(), e);
        }
        return new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
    }
}
