package dev.weft.odf.model;

import java.util.Objects;

/** A file embedded in the metadata (e.g. a README); both components required. */
public record AttachmentEmbedded(String path, String content) {
    public AttachmentEmbedded {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
