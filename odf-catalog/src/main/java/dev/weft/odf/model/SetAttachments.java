package dev.weft.odf.model;

import java.util.Objects;

/** Replaces the dataset's attachments; {@code attachments} required. */
public record SetAttachments(Attachments attachments) implements MetadataEvent {
    public SetAttachments {
        Objects.requireNonNull(attachments, "attachments");
    }
}
