package dev.weft.odf.model;

import dev.weft.odf.identity.DatasetId;
import java.util.Objects;

/** The first event of every chain, fixing the dataset's identity and kind; both components required. */
public record Seed(DatasetId datasetId, DatasetKind datasetKind) implements MetadataEvent {
    public Seed {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(datasetKind, "datasetKind");
    }
}
