package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.ReadStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Chooses the reader for a source's read step, or for the format a user names on the command line. */
final class RowReaders {
    private RowReaders() {}

    /**
     * The read step to use: the source's own, or one of {@code format} ({@code csv}, {@code ndjson}, {@code json},
     * {@code parquet})
     * with the source's declared schema.
     *
     * @throws WeftException {@code UNSUPPORTED} for formats Weft cannot read yet
     */
    static ReadStep choose(String what, ReadStep source, String format) {
        if (format == null) {
            requireReadable(what, source);
            return source;
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "csv":
                return source instanceof ReadStep.Csv ? source : new ReadStep.Csv(source.ddlSchema(), null, null, null,
                        null, true, null, null, null, null, source.schema());
            case "ndjson":
                return source instanceof ReadStep.NdJson ? source
                        : new ReadStep.NdJson(source.ddlSchema(), null, null, null, source.schema());
            case "json":
                return source instanceof ReadStep.Json ? source
                        : new ReadStep.Json(null, source.ddlSchema(), null, null, null, source.schema());
            case "parquet":
                return source instanceof ReadStep.Parquet ? source
                        : new ReadStep.Parquet(source.ddlSchema(), source.schema());
            default:
                throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot read " + what + " as " + format
                        + ": Weft reads csv, ndjson, json and parquet");
        }
    }

    static RowReader open(ReadStep read, List<Path> files, String eventTimeName, OperationColumn opName, long defaultEventTime) {
        final List<IngestColumn> declared = IngestColumns.declared(read);
        if (read instanceof ReadStep.Csv csv) {
            return CsvRowReader.open(files, csv, declared, eventTimeName, opName, defaultEventTime);
        }
        if (read instanceof ReadStep.NdJson ndJson) {
            return JsonRowReader.open(files, declared, false, null,
                    new ColumnType.Formats(ndJson.dateFormat(), ndJson.timestampFormat()), eventTimeName, opName,
                    defaultEventTime);
        }
        if (read instanceof ReadStep.Parquet) {
            return ParquetRowReader.open(files, declared, eventTimeName, opName, defaultEventTime);
        }
        final ReadStep.Json json = (ReadStep.Json) read;
        return JsonRowReader.open(files, declared, true, json.subPath(),
                new ColumnType.Formats(json.dateFormat(), json.timestampFormat()), eventTimeName, opName,
                defaultEventTime);
    }

    private static void requireReadable(String what, ReadStep read) {
        if (!(read instanceof ReadStep.Csv || read instanceof ReadStep.NdJson || read instanceof ReadStep.Json
                || read instanceof ReadStep.Parquet)) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot read " + what + ": its source reads "
                    + read.kind() + ", and Weft reads Csv, NdJson, Json and Parquet (GeoJSON and shapefiles not yet)");
        }
    }
}
