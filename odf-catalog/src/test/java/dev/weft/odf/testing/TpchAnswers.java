package dev.weft.odf.testing;

import static org.assertj.core.api.Assertions.assertThat;
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
        final Path file = SharedReference.tpch().resolve("answers/sf0.01").resolve(query + ".csv");
        final List<String> lines = read(file).lines().toList();
        final List<String> expected = lines.subList(1, lines.size());
        assertThat(rows).as("%s: row count", query).hasSize(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            final String[] cells = expected.get(r).split("\\|", -1);
            final List<Object> row = rows.get(r);
            assertThat(row).as("%s row %d: column count", query, r + 1).hasSize(cells.length);
            for (int c = 0; c < cells.length; c++) {
                if (!matches(cells[c], row.get(c))) {
                    fail("%s row %d column %d: expected <%s> but was <%s>%nrow: %s", query, r + 1, c + 1, cells[c],
                            row.get(c), row);
                }
            }
        }
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
