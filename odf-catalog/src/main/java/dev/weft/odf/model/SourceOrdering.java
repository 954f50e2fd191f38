package dev.weft.odf.model;

/** The order in which a {@link FetchStep.FilesGlob} source processes matching files. */
public enum SourceOrdering {
    BY_EVENT_TIME,
    BY_NAME;

    /** The ODF name of this ordering ({@code ByEventTime}, {@code ByName}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }
}
