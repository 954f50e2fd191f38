package dev.weft.odf.model;

/** Archive formats a {@link PrepStep.Decompress} step understands. */
public enum CompressionFormat {
    GZIP,
    ZIP;

    /** The ODF name of this format ({@code Gzip}, {@code Zip}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }
}
