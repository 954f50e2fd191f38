package dev.weft.odf.yaml;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists and scalars as block-style YAML in kamu's layout: two-space indentation, list items
 * ({@code - }) at the indentation of their key, strings plain unless YAML would read them as something else, and
 * multi-line strings as literal blocks.
 */
final class YamlEmitter {
    private static final Pattern LOOKS_LIKE_NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\\.(inf|Inf|INF)"
                    + "|\\.(nan|NaN|NAN)");
    private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "null", "~", "y", "n");
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private final StringBuilder out = new StringBuilder();

    private YamlEmitter() {}

    static String emit(Map<String, Object> document) {
        final YamlEmitter emitter = new YamlEmitter();
        emitter.map(document, 0, null);
        return emitter.out.toString();
    }

    /** Writes the entries at {@code indent}; {@code firstPrefix} replaces the indentation of the first line. */
    private void map(Map<?, ?> map, int indent, String firstPrefix) {
        if (map.isEmpty()) {
            throw new IllegalArgumentException("empty mappings are written inline by their parent");
        }
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first && firstPrefix != null ? firstPrefix : " ".repeat(indent));
            first = false;
            out.append(key(String.valueOf(entry.getKey()))).append(':');
            value(entry.getValue(), indent);
        }
    }

    /** Writes what follows {@code key:}. */
    private void value(Object value, int indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append(" {}\n");
            } else {
                out.append('\n');
                map(map, indent + 2, null);
            }
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
            } else {
                out.append('\n');
                list(list, indent);
            }
        } else {
            out.append(' ').append(scalar(value, indent)).append('\n');
        }
    }

    private void list(List<?> list, int indent) {
        for (Object item : list) {
            final String dash = " ".repeat(indent) + "- ";
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                map(map, indent + 2, dash);
            } else if (item instanceof List<?> nested && !nested.isEmpty()) {
                out.append(" ".repeat(indent)).append("-\n");
                list(nested, indent + 2);
            } else if (item instanceof Map<?, ?>) {
                out.append(dash).append("{}\n");
            } else if (item instanceof List<?>) {
                out.append(dash).append("[]\n");
            } else {
                out.append(dash).append(scalar(item, indent + 2)).append('\n');
            }
        }
    }

    private static String scalar(Object value, int indent) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        final String text = value.toString();
        if (isPlainSafe(text)) {
            return text;
        }
        if (text.indexOf('\n') >= 0 && isLiteralSafe(text)) {
            return literal(text, indent + 2);
        }
        return doubleQuoted(text);
    }

    /** Keys are plain or double-quoted: a literal block cannot be a key. */
    private static String key(String text) {
        return isPlainSafe(text) ? text : doubleQuoted(text);
    }

    private static boolean isPlainSafe(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))
                || INDICATORS.indexOf(text.charAt(0)) >= 0 || text.contains(": ") || text.contains(" #")
                || text.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return false;
            }
        }
        return !RESERVED.contains(text.toLowerCase(Locale.ROOT)) && !LOOKS_LIKE_NUMBER.matcher(text).matches();
    }

    /** Literal blocks keep text verbatim as long as it has no leading blank and only printable characters. */
    private static boolean isLiteralSafe(String text) {
        if (text.charAt(0) == ' ' || text.charAt(0) == '\n') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7F || c == '\r' || c == '\u0085' || c == '\u2028'
                    || c == '\u2029' || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    private static String literal(String text, int indent) {
        final String chomping;
        final String body;
        if (text.endsWith("\n\n")) {
            chomping = "+";
            body = text.substring(0, text.length() - 1);
        } else if (text.endsWith("\n")) {
            chomping = "";
            body = text.substring(0, text.length() - 1);
        } else {
            chomping = "-";
            body = text;
        }
        final StringBuilder block = new StringBuilder("|").append(chomping);
        final String pad = " ".repeat(indent);
        for (String line : body.split("\n", -1)) {
            block.append('\n');
            if (!line.isEmpty()) {
                block.append(pad).append(line);
            }
        }
        return block.toString();
    }

    private static String doubleQuoted(String text) {
        final StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"':
                    quoted.append("\\\"");
                    break;
                case '\\':
                    quoted.append("\\\\");
                    break;
                case '\n':
                    quoted.append("\\n");
                    break;
                case '\r':
                    quoted.append("\\r");
                    break;
                case '\t':
                    quoted.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0 || c == '\u2028' || c == '\u2029'
                            || c == '\uFEFF') {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
