package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** A dataset's initial definition as written in a manifest: its name, kind and the events to start it with. */
public record DatasetSnapshot(String name, DatasetKind kind, List<MetadataEvent> metadata) {
    public DatasetSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        metadata = List.copyOf(metadata);
    }
}
