package dev.weft.odf.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 22 TPC-H queries and their reference answers from {@code shared/tpch-reference}, and the comparison its README
 * describes: rows in order; strings equal after trimming; numbers within 0.01 absolute or 1e-6 relative; NULL only
 * with NULL.
 */
public final class TpchAnswers {
    private TpchAnswers() {}

    /** Query names {@code q01} to {@code q22}. */
    public static List<String> queries() {
        final List<String> names = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            names.add(String.format(Locale.ROOT, "q%02d", i));
        }
        return names;
    }

    /** The query text exactly as the reference has it (with its trailing semicolon). */
    public static String sql(String query) {
        return read(SharedReference.tpch().resolve("queries").resolve(query + ".sql"));
    }

    /** Asserts that {@code rows} (values as the client returned them, null for SQL NULL) is the answer at SF 0.01. */
    public static void assertMatches(String query, List<List<Object>> rows) {
        compare(query, rows, "sf0.01").ifPresent(difference -> fail(difference));
    }

    /** Scale factors with reference answers, as their folder names: {@code sf0.01}, {@code sf0.1}, {@code sf1}. */
    public static Optional<String> answersFolder(double scaleFactor) {
        for (String folder : List.of("sf0.01", "sf0.1", "sf1")) {
            if (Double.parseDouble(folder.substring(2)) == scaleFactor) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** The first difference between {@code rows} and the reference answer in {@code answers/<folder>}, if any. */
    public static Optional<String> compare(String query, List<List<Object>> rows, String folder) {
        final Path file = SharedReference.tpch().resolve("answers").resolve(folder).resolve(query + ".csv");
        final List<String> lines = read(file).lines().toList();
        final List<String> expected = lines.subList(1, lines.size());
        if (rows.size() != expected.size()) {
            return Optional.of(query + ": " + rows.size() + " rows, expected " + expected.size());
        }
        for (int r = 0; r < expected.size(); r++) {
            final String[] cells = expected.get(r).split("\\|", -1);
            final List<Object> row = rows.get(r);
            if (row.size() != cells.length) {
                return Optional.of(query + " row " + (r + 1) + ": " + row.size() + " columns, expected "
                        + cells.length);
            }
            for (int c = 0; c < cells.length; c++) {
                if (!matches(cells[c], row.get(c))) {
                    return Optional.of(String.format(Locale.ROOT, "%s row %d column %d: expected <%s> but was <%s>"
                            + "%nrow: %s", query, r + 1, c + 1, cells[c], row.get(c), row));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String expected, Object actual) {
        if ("NULL".equals(expected) || actual == null) {
            return "NULL".equals(expected) && actual == null;
        }
        final String text = actual.toString().trim();
        final BigDecimal want = number(expected.trim());
        final BigDecimal got = number(text);
        if (want != null && got != null) {
            final double difference = want.subtract(got).abs().doubleValue();
            return difference <= 0.01 || difference <= 1e-6 * want.abs().doubleValue();
        }
        return expected.trim().equals(text);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
