package dev.weft.calcite.meta;

import java.util.regex.Pattern;

/** SQL {@code LIKE} patterns as metadata requests use them: {@code %}, {@code _}, and {@code \} as escape. */
public final class SqlPatterns {
    private SqlPatterns() {}

    /** Whether {@code value} matches {@code pattern}; a null pattern matches everything. */
    public static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        return compile(pattern).matcher(value).matches();
    }

    private static Pattern compile(String pattern) {
        final StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            final char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
