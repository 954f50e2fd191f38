package dev.weft.odf.model;

import java.util.List;

/** Replaces the dataset's description and keywords; both nullable. */
public record SetInfo(String description, List<String> keywords) implements MetadataEvent {
    public SetInfo {
        keywords = OdfNames.copyOrNull(keywords);
    }
}
