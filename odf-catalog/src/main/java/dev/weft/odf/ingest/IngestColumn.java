package dev.weft.odf.ingest;

import java.util.Objects;

/** A named column of ingested data with the type its text is read as. */
record IngestColumn(String name, ColumnType type) {
    IngestColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
