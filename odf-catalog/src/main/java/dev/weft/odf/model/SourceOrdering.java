package dev.weft.odf.model;

/** The order in which a {@link FetchStep.FilesGlob} source processes matching files. */
public enum SourceOrdering {
    BY_EVENT_TIME,
    BY_NAME;

    /** The ODF name of this ordering ({@code ByEventTime}, {@code ByName}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "ByName"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static SourceOrdering fromOdfName(String odfName) {
        return OdfNames.parse(SourceOrdering.class, odfName);
    }
}
