package dev.weft.odf.model;

import java.util.Objects;

/** Defines a source that receives pushed data; {@code sourceName}, {@code read}, {@code merge} required. */
public record AddPushSource(String sourceName, ReadStep read, Transform preprocess, MergeStrategy merge)
        implements MetadataEvent {
    public AddPushSource {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(merge, "merge");
    }
}
