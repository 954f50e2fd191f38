package dev.weft.odf.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A node of a YAML document together with where it came from (source name, line, column) and its field path, so that
 * every reading error can say exactly what is wrong and where.
 */
final class YamlValue {
    private final Node node;
    private final String source;
    private final String path;

    YamlValue(Node node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /**
     * Composes the single document of {@code text}.
     *
     * @throws ManifestException for YAML syntax errors, with their position, and for empty input
     */
    static YamlValue parse(String text, String source) {
        final LoadSettings settings = LoadSettings.builder().setLabel(source).build();
        final Node root;
        try {
            final Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            final Optional<Node> document = composer.getSingleNode();
            if (document.isEmpty()) {
                throw new ManifestException(source + ": the file is empty; expected a YAML document");
            }
            root = document.get();
        } catch (MarkedYamlEngineException e) {
            final Mark mark = e.getProblemMark().orElseGet(() -> e.getContextMark().orElse(null));
            final String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            final String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            final String context = e.getContext();
            // The scanner's context says where it was ("while parsing …"), the composer's what it expected.
            final String message = context == null ? problem
                    : context.startsWith("while") ? problem + " " + context : context + ", " + problem;
            throw new ManifestException(where + ": invalid YAML: " + message, e);
        } catch (YamlEngineException e) {
            throw new ManifestException(source + ": invalid YAML: " + e.getMessage(), e);
        }
        return new YamlValue(root, source, "");
    }

    String path() {
        return path;
    }

    String source() {
        return source;
    }

    /** A failure at this node: {@code source:line:column: path: message}. */
    ManifestException error(String message) {
        final Mark mark = node.getStartMark().orElse(null);
        final String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        return new ManifestException(where + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    boolean isNull() {
        return node instanceof ScalarNode scalar && isNullScalar(scalar);
    }

    /** Whether this is a scalar with no text at all ({@code key:} with nothing after it). */
    boolean isEmptyScalar() {
        return node instanceof ScalarNode scalar && scalar.isPlain() && scalar.getValue().isEmpty();
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    YamlMap map() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping of fields, found " + describe());
        }
        return new YamlMap(mapping, this);
    }

    List<YamlValue> list() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list, found " + describe());
        }
        final List<YamlValue> items = new ArrayList<>();
        int i = 0;
        for (Node item : sequence.getValue()) {
            items.add(new YamlValue(item, source, path + "[" + i++ + "]"));
        }
        return items;
    }

    String string() {
        if (!(node instanceof ScalarNode scalar) || isNullScalar(scalar)) {
            throw error("expected a string, found " + describe());
        }
        if (isNumberOrBoolean(scalar)) {
            throw error("expected a string, found " + describe() + "; put it in quotes if it is meant as text");
        }
        return scalar.getValue();
    }

    /**
     * The scalar as a name: like {@link #string} except that YAML's null words ({@code Null}, {@code null}, {@code ~})
     * are kept as written, because the ODF type {@code Null} is spelled that way.
     */
    String name() {
        if (node instanceof ScalarNode scalar && isNullScalar(scalar) && !scalar.getValue().isEmpty()) {
            return scalar.getValue();
        }
        return string();
    }

    List<String> strings(String what) {
        if (!(node instanceof SequenceNode)) {
            throw error("expected a list of " + what + ", found " + describe());
        }
        final List<String> out = new ArrayList<>();
        for (YamlValue item : list()) {
            if (!(item.node instanceof ScalarNode scalar) || isNullScalar(scalar) || isNumberOrBoolean(scalar)) {
                throw item.error("expected one of the " + what + " (a string), found " + item.describe());
            }
            out.add(scalar.getValue());
        }
        return out;
    }

    boolean bool() {
        final String text = scalarText("true or false");
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw error("expected true or false, found '" + text + "'");
        }
    }

    long longValue() {
        final String text = scalarText("an integer");
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected an integer, found '" + text + "'");
        }
    }

    /** An unsigned 64-bit integer (offsets, sizes, sequence numbers), held in a long as the model does. */
    long u64() {
        final String text = scalarText("a non-negative integer");
        try {
            if (text.startsWith("-")) {
                throw new NumberFormatException(text);
            }
            return Long.parseUnsignedLong(text.startsWith("+") ? text.substring(1).replace("_", "") : text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a non-negative integer up to " + Long.toUnsignedString(-1L) + ", found '" + text + "'");
        }
    }

    /** An unsigned 32-bit integer. */
    long u32() {
        final long value = u64();
        if (Long.compareUnsigned(value, 0xFFFF_FFFFL) > 0) {
            throw error("expected a non-negative integer up to 4294967295, found " + Long.toUnsignedString(value));
        }
        return value;
    }

    int intValue() {
        final long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("expected a 32-bit integer, found " + value);
        }
        return (int) value;
    }

    /** The plain value of a scalar, or nested maps and lists of them, for free-form attributes. */
    Object plain() {
        if (node instanceof MappingNode) {
            final Map<String, Object> out = new LinkedHashMap<>();
            final YamlMap map = map();
            for (String key : map.keys()) {
                final YamlValue value = map.get(key);
                out.put(key, value == null ? null : value.plain());
            }
            return out;
        }
        if (node instanceof SequenceNode) {
            final List<Object> out = new ArrayList<>();
            for (YamlValue item : list()) {
                out.add(item.plain());
            }
            return out;
        }
        final ScalarNode scalar = (ScalarNode) node;
        if (isNullScalar(scalar)) {
            return null;
        }
        final String text = scalar.getValue();
        if (scalar.isPlain()) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            if (text.matches("-?(0|[1-9][0-9]*)")) {
                return new BigInteger(text);
            }
            if (text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                return new BigDecimal(text);
            }
        }
        return text;
    }

    String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        final ScalarNode scalar = (ScalarNode) node;
        if (isNullScalar(scalar)) {
            return "nothing (null)";
        }
        final String text = scalar.getValue();
        if (isNumberOrBoolean(scalar)) {
            return (text.equals("true") || text.equals("false") ? "a boolean (" : "a number (") + text + ")";
        }
        return "the string '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private String scalarText(String expected) {
        if (!(node instanceof ScalarNode scalar) || isNullScalar(scalar)) {
            throw error("expected " + expected + ", found " + describe());
        }
        return scalar.getValue();
    }

    /** Whether YAML's core schema reads this plain scalar as a number or a boolean rather than text. */
    private static boolean isNumberOrBoolean(ScalarNode scalar) {
        final String text = scalar.getValue();
        return scalar.isPlain() && (text.equals("true") || text.equals("false")
                || text.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"));
    }

    private static boolean isNullScalar(ScalarNode scalar) {
        final String text = scalar.getValue();
        return scalar.isPlain() && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                || text.equals("NULL"));
    }
}
