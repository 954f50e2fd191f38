package dev.weft.odf.model;

import java.util.Objects;

/** Opaque resumption state of an ingest source (e.g. a Kafka offset); all components required. */
public record SourceState(String sourceName, String kind, String value) {
    public SourceState {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
