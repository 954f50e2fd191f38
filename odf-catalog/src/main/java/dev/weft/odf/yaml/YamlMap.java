package dev.weft.odf.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The fields of a YAML mapping, read by name. It remembers which fields were read so that {@link #finish} can reject
 * every field nobody asked for: in a manifest an unknown field is a mistake, never something to ignore.
 */
final class YamlMap {
    private final YamlValue self;
    private final Map<String, YamlValue> fields = new LinkedHashMap<>();
    private final Map<String, YamlValue> keyNodes = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    YamlMap(MappingNode mapping, YamlValue self) {
        this.self = self;
        for (NodeTuple tuple : mapping.getValue()) {
            final YamlValue key = new YamlValue(tuple.getKeyNode(), self.source(), self.path());
            if (!(tuple.getKeyNode() instanceof ScalarNode scalar)) {
                throw key.error("expected a field name, found " + key.describe());
            }
            final String name = scalar.getValue();
            final String childPath = self.path().isEmpty() ? name : self.path() + "." + name;
            if (fields.containsKey(name)) {
                throw new YamlValue(tuple.getKeyNode(), self.source(), childPath).error("duplicate field '" + name + "'");
            }
            fields.put(name, new YamlValue(tuple.getValueNode(), self.source(), childPath));
            keyNodes.put(name, new YamlValue(tuple.getKeyNode(), self.source(), childPath));
        }
    }

    YamlValue self() {
        return self;
    }

    List<String> keys() {
        return new ArrayList<>(fields.keySet());
    }

    /** The field, or null when absent or explicitly null. */
    YamlValue get(String name) {
        read.add(name);
        final YamlValue value = fields.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The field even when YAML reads it as null (for type names like {@code Null}), or null when absent. */
    YamlValue present(String name) {
        read.add(name);
        return fields.get(name);
    }

    YamlValue require(String name) {
        final YamlValue value = get(name);
        if (value == null) {
            throw self.error("missing required field '" + name + "'");
        }
        return value;
    }

    String string(String name) {
        final YamlValue value = get(name);
        return value == null ? null : value.string();
    }

    String requireString(String name) {
        return require(name).string();
    }

    Boolean bool(String name) {
        final YamlValue value = get(name);
        return value == null ? null : value.bool();
    }

    Long u64(String name) {
        final YamlValue value = get(name);
        return value == null ? null : value.u64();
    }

    List<String> strings(String name, String what) {
        final YamlValue value = get(name);
        return value == null ? null : value.strings(what);
    }

    /** Fails on the first field that was never read, suggesting the closest of the fields that were asked for. */
    void finish() {
        final List<String> known = new ArrayList<>(read);
        for (Map.Entry<String, YamlValue> key : keyNodes.entrySet()) {
            if (!read.contains(key.getKey())) {
                final String suggestion = closest(key.getKey(), known);
                throw key.getValue().error("unknown field '" + key.getKey() + "'"
                        + (suggestion != null
                                ? " (did you mean '" + suggestion + "'?)"
                                : known.isEmpty() ? "" : "; expected one of: " + String.join(", ", known)));
            }
        }
    }

    private static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            final int distance = distance(name.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        final int[] previous = new int[b.length() + 1];
        final int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }
}
