package dev.weft.odf.model;

import java.util.Objects;

/** Where a polling source takes the event time of ingested data from. */
public sealed interface EventTimeSource {
    /** The ODF kind name of this variant, e.g. {@code "FromPath"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** From the source's metadata (e.g. the HTTP Last-Modified header). */
    record FromMetadata() implements EventTimeSource {}

    /** Parsed from the file path with a required {@code pattern}; {@code timestampFormat} is nullable. */
    record FromPath(String pattern, String timestampFormat) implements EventTimeSource {
        public FromPath {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** The system time of ingestion. */
    record FromSystemTime() implements EventTimeSource {}
}
