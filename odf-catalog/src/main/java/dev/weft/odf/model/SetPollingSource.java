package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** Defines how a root dataset polls external data; {@code fetch}, {@code read}, {@code merge} required, the rest nullable. */
public record SetPollingSource(
        FetchStep fetch, List<PrepStep> prepare, ReadStep read, Transform preprocess, MergeStrategy merge)
        implements MetadataEvent {
    public SetPollingSource {
        Objects.requireNonNull(fetch, "fetch");
        prepare = OdfNames.copyOrNull(prepare);
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(merge, "merge");
    }
}
