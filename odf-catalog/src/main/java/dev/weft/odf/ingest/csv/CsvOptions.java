package dev.weft.odf.ingest.csv;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How to split CSV text into fields, with the ODF {@code ReadStep.Csv} defaults: separator {@code ,}, quote
 * {@code "}, escape {@code \}, no header, unquoted empty field means null, UTF-8.
 *
 * @param separator field separator
 * @param quote quote character, or {@link #NO_QUOTE} to read quotes as ordinary characters
 * @param escape escape character inside quoted fields; a doubled quote is accepted as an escaped quote too
 * @param header whether the first record holds column names
 * @param nullValue unquoted text that stands for null
 * @param charset text encoding
 */
public record CsvOptions(char separator, int quote, char escape, boolean header, String nullValue, Charset charset) {
    /** Value of {@link #quote} that turns quoting off. */
    public static final int NO_QUOTE = -1;

    public static final CsvOptions DEFAULTS =
            new CsvOptions(',', '"', '\\', false, "", java.nio.charset.StandardCharsets.UTF_8);

    public CsvOptions {
        Objects.requireNonNull(nullValue, "nullValue");
        Objects.requireNonNull(charset, "charset");
        if (quote == separator || escape == separator) {
            throw new WeftException(
                    ErrorCode.INVALID_ARGUMENT, "CSV separator must differ from the quote and escape characters");
        }
    }

    /**
     * Builds options from the string forms a manifest uses, applying the defaults for nulls.
     *
     * @throws WeftException when a character option is not exactly one character
     */
    public static CsvOptions of(
            String separator, String quote, String escape, Boolean header, String nullValue, String encoding) {
        final char sep = separator == null ? ',' : single("separator", separator);
        final int q = quote == null ? '"' : quote.isEmpty() ? NO_QUOTE : single("quote", quote);
        final char esc = escape == null ? '\\' : single("escape", escape);
        final Charset charset;
        try {
            charset = encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "unknown CSV encoding '" + encoding + "'", e);
        }
        return new CsvOptions(sep, q, esc, header != null && header, nullValue == null ? "" : nullValue, charset);
    }

    private static char single(String option, String value) {
        if (value.length() != 1) {
            throw new WeftException(
                    ErrorCode.INVALID_ARGUMENT,
                    "CSV " + option + " must be a single character, got '" + value + "'");
        }
        return value.charAt(0);
    }
}
