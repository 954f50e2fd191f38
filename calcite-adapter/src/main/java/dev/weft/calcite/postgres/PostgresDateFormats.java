package dev.weft.calcite.postgres;

import java.util.List;
import java.util.Map;

/**
 * Translates PostgreSQL's date/time template patterns ({@code to_char}, {@code to_timestamp}, {@code to_date}: e.g.
 * {@code 'YYYY-MM-DD HH24:MI:SS.US'}) into the C {@code strftime}/{@code strptime} patterns of the engine
 * ({@code '%Y-%m-%d %H:%M:%S.%f'}). Patterns with no exact counterpart (blank-padded month and day names, quarters,
 * time zones, ...) are refused with their name rather than rendered differently.
 */
public final class PostgresDateFormats {
    /** Longest first, so that {@code HH24} is not read as {@code HH} and {@code 24}. */
    private static final List<Map.Entry<String, String>> PATTERNS = List.of(
            Map.entry("FMMonth", "%B"), Map.entry("FMDay", "%A"),
            Map.entry("HH24", "%H"), Map.entry("HH12", "%I"), Map.entry("YYYY", "%Y"), Map.entry("DDD", "%j"),
            Map.entry("Mon", "%b"), Map.entry("Dy", "%a"),
            Map.entry("HH", "%I"), Map.entry("MI", "%M"), Map.entry("SS", "%S"), Map.entry("MS", "%g"),
            Map.entry("US", "%f"), Map.entry("YY", "%y"), Map.entry("MM", "%m"), Map.entry("DD", "%d"),
            Map.entry("AM", "%p"), Map.entry("PM", "%p"));
    /** Numbers without their leading zeros ({@code FM}, "fill mode"). */
    private static final Map<String, String> UNPADDED = Map.of("%H", "%-H", "%I", "%-I", "%m", "%-m", "%d", "%-d",
            "%j", "%-j", "%M", "%-M", "%S", "%-S");

    private PostgresDateFormats() {}

    /**
     * The strftime pattern of {@code template}.
     *
     * @throws IllegalArgumentException naming the first template pattern that has no exact counterpart
     */
    public static String toStrftime(String template) {
        final StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            final char c = template.charAt(i);
            if (c == '"') {
                final int end = template.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("the quoted text at position " + (i + 1) + " is not closed");
                }
                out.append(template.substring(i + 1, end).replace("%", "%%"));
                i = end + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                out.append(c == '%' ? "%%" : String.valueOf(c));
                i++;
                continue;
            }
            final boolean fillMode = template.startsWith("FM", i) && !template.startsWith("FMMonth", i)
                    && !template.startsWith("FMDay", i);
            final int at = fillMode ? i + 2 : i;
            final Map.Entry<String, String> pattern = PATTERNS.stream()
                    .filter(p -> template.startsWith(p.getKey(), at)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the pattern '" + word(template, at)
                            + "' is not supported; supported: YYYY YY MM DD DDD HH24 HH12 HH MI SS MS US AM PM Mon "
                            + "Dy FMMonth FMDay, FM before a number, and \"quoted text\""));
            out.append(fillMode ? UNPADDED.getOrDefault(pattern.getValue(), pattern.getValue()) : pattern.getValue());
            i = at + pattern.getKey().length();
        }
        return out.toString();
    }

    private static String word(String template, int from) {
        int end = from;
        while (end < template.length() && Character.isLetterOrDigit(template.charAt(end))) {
            end++;
        }
        return template.substring(from, Math.max(end, from + 1));
    }
}
