package dev.weft.odf.ingest;

import java.util.List;

/** Typed records read from input files one at a time, in file order. Not thread-safe. */
interface RowReader extends AutoCloseable {
    /** The data columns of every record. */
    List<IngestColumn> dataColumns();

    /** The next record, or null after the last file. */
    IngestRow next();

    long recordsRead();

    long bytesRead();

    @Override
    void close();
}
