package dev.weft.odf.ingest;

import java.util.Objects;

/**
 * The input column that carries each record's operation (changelog and upsert inputs).
 *
 * @param name the column's name, as the dataset's vocabulary sets it
 * @param required whether an input without it is an error (ChangelogStream); when not, every record of such an input
 *     is an addition (UpsertStream: an upsert)
 */
record OperationColumn(String name, boolean required) {
    OperationColumn {
        Objects.requireNonNull(name, "name");
    }
}
