package dev.weft.odf.model;

/** Whether a dataset ingests external data (root) or is computed from other datasets (derivative). */
public enum DatasetKind {
    ROOT,
    DERIVATIVE;

    /** The ODF name of this kind ({@code Root}, {@code Derivative}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "Root"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static DatasetKind fromOdfName(String odfName) {
        return OdfNames.parse(DatasetKind.class, odfName);
    }
}
