package dev.weft.odf.ingest;

import java.util.Objects;

/**
 * A named column of ingested data with the type its text is read as.
 *
 * @param nullable whether records may lack a value: ODF schemas (v0.39) declare a column nullable by wrapping its type
 *     in {@code Option}; DDL schemas, inferred and header-named columns are nullable
 */
record IngestColumn(String name, ColumnType type, boolean nullable) {
    IngestColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable column. */
    IngestColumn(String name, ColumnType type) {
        this(name, type, true);
    }
}
