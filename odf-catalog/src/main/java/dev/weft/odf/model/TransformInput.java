package dev.weft.odf.model;

import java.util.Objects;

/**
 * An input of a derivative dataset: {@code datasetRef} (required) is a DatasetRef string (a DID or an alias) and
 * {@code alias} (nullable) the name the query uses.
 */
public record TransformInput(String datasetRef, String alias) {
    public TransformInput {
        Objects.requireNonNull(datasetRef, "datasetRef");
    }
}
