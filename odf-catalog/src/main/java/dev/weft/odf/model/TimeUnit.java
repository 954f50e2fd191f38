package dev.weft.odf.model;

/** Resolution of time-based data types, in the declaration order of the ODF schema. */
public enum TimeUnit {
    SECOND,
    MILLISECOND,
    MICROSECOND,
    NANOSECOND;

    /** The ODF name of this unit ({@code Second}, {@code Millisecond}, ...). */
    public String odfName() {
        return OdfNames.pascal(name());
    }

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "Millisecond"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static TimeUnit fromOdfName(String odfName) {
        return OdfNames.parse(TimeUnit.class, odfName);
    }
}
