package dev.weft.odf.model;

/** The kind of change a data record represents (the {@code op} system column), numbered as ODF stores it. */
public enum OperationType {
    APPEND(0),
    RETRACT(1),
    CORRECT_FROM(2),
    CORRECT_TO(3);

    private final int code;

    OperationType(int code) {
        this.code = code;
    }

    /** The integer stored in the {@code op} column. */
    public int code() {
        return code;
    }

    /** The ODF name of this operation ({@code Append}, {@code Retract}, {@code CorrectFrom}, {@code CorrectTo}). */
    public String odfName() {
        return OdfNames.pascal(name());
    }

    /**
     * The operation stored as {@code code}.
     *
     * @throws IllegalArgumentException when the code is not 0..3
     */
    public static OperationType fromCode(int code) {
        for (OperationType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown operation type code " + code + ", expected 0..3");
    }

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "Append"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static OperationType fromOdfName(String odfName) {
        return OdfNames.parse(OperationType.class, odfName);
    }
}
