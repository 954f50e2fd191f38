package dev.weft.odf.model;

import java.util.Objects;

/** Disables the push source named {@code sourceName} (required). */
public record DisablePushSource(String sourceName) implements MetadataEvent {
    public DisablePushSource {
        Objects.requireNonNull(sourceName, "sourceName");
    }
}
