package dev.weft.odf.model;

import java.util.Objects;

/** Sets the dataset's license; {@code shortName}, {@code name}, {@code websiteUrl} required, {@code spdxId} nullable. */
public record SetLicense(String shortName, String name, String spdxId, String websiteUrl) implements MetadataEvent {
    public SetLicense {
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(websiteUrl, "websiteUrl");
    }
}
