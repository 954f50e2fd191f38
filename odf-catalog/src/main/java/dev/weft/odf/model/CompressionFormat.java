package dev.weft.odf.model;

/** Archive formats a {@link PrepStep.Decompress} step understands. */
public enum CompressionFormat {
    GZIP,
    ZIP;

    /** The ODF name of this format ({@code Gzip}, {@code Zip}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "Gzip"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static CompressionFormat fromOdfName(String odfName) {
        return OdfNames.parse(CompressionFormat.class, odfName);
    }
}
