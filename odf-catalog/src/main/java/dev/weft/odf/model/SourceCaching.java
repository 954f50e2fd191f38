package dev.weft.odf.model;

/** How a polling source caches fetched data. */
public sealed interface SourceCaching {
    /** The ODF kind name of this variant, {@code "Forever"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** Fetch once and never again. */
    record Forever() implements SourceCaching {}
}
