package dev.weft.odf.store;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ODF dataset name ({@code DatasetName = Hostname}): dot-separated components of ASCII letters and digits with
 * single inner hyphens, such as {@code ca.bc.gov.covid}. Names compare case-insensitively, as the spec requires for
 * lookups and uniqueness, while keeping the spelling they were created with. Immutable.
 */
public final class DatasetName implements Comparable<DatasetName> {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
    private static final Pattern HOSTNAME =
            Pattern.compile(SUBDOMAIN.pattern() + "(\\." + SUBDOMAIN.pattern() + ")*");
    /** Names are directory names, and common file systems cap those at 255 bytes. */
    private static final int MAX_LENGTH = 255;

    private final String value;
    private final String key;

    private DatasetName(String value) {
        this.value = value;
        this.key = value.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses and validates a dataset name.
     *
     * @throws WeftException {@code INVALID_ARGUMENT} saying what the grammar expects
     */
    public static DatasetName of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid dataset name '" + text + "': longer than " + MAX_LENGTH + " characters");
        }
        if (!HOSTNAME.matcher(text).matches()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Invalid dataset name '" + text
                    + "': expected dot-separated parts of letters, digits and inner hyphens, like 'ca.bc.gov.covid'");
        }
        return new DatasetName(text);
    }

    /** Whether {@code text} is a valid dataset name. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && HOSTNAME.matcher(text).matches();
    }

    /** The name as spelled when created. */
    public String value() {
        return value;
    }

    /** The lower-case form used for case-insensitive comparison. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetName other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(DatasetName o) {
        final int byKey = key.compareTo(o.key);
        return byKey != 0 ? byKey : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
