package dev.weft.odf.model;

import java.util.List;

/** The set of files attached to a dataset. */
public sealed interface Attachments {
    /** The ODF kind name of this variant, {@code "Embedded"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** Attachments stored inline in the metadata; {@code items} required. */
    record Embedded(List<AttachmentEmbedded> items) implements Attachments {
        public Embedded {
            items = List.copyOf(items);
        }
    }
}
