package dev.weft.odf.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Free-form JSON attributes attached to events, schemas and fields, keyed by namespaced names such as
 * {@code opendatafabric.org/linkedObjects}.
 *
 * <p>{@code entries} is a deeply immutable tree: objects are sorted maps ({@code String} keys), arrays are lists,
 * scalars are {@code String}, {@code Boolean}, {@code Long} or {@code BigInteger} (integers), {@code BigDecimal}
 * (other numbers), and JSON {@code null} is {@code null}. Two values are equal when their JSON content is equal, and
 * {@link #toJson()} is the canonical form ODF stores: compact, keys sorted at every level.
 */
public record ExtraAttributes(Map<String, Object> entries) {
    public ExtraAttributes {
        Objects.requireNonNull(entries, "entries");
        entries = normalizeObject(entries);
    }

    /** Attributes from any nested structure of maps, lists and JSON scalars (other number types are converted). */
    public static ExtraAttributes of(Map<String, ?> entries) {
        @SuppressWarnings("unchecked")
        final Map<String, Object> map = (Map<String, Object>) entries;
        return new ExtraAttributes(map);
    }

    /**
     * Parses a JSON object.
     *
     * @throws IllegalArgumentException naming the position when the text is not a JSON object
     */
    public static ExtraAttributes parse(String json) {
        final Object value = Json.parse(json);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("extra attributes must be a JSON object, got: " + json);
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> entries = (Map<String, Object>) map;
        return new ExtraAttributes(entries);
    }

    /** Canonical compact JSON with keys sorted at every level, as stored in blocks. */
    public String toJson() {
        return Json.write(entries);
    }

    /** Whether there are no attributes. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static Map<String, Object> normalizeObject(Map<?, ?> map) {
        final TreeMap<String, Object> sorted = new TreeMap<>(ExtraAttributes::compareCodePoints);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("extra attribute keys must be strings, got " + e.getKey());
            }
            sorted.put(key, normalize(e.getValue()));
        }
        return Collections.unmodifiableMap(sorted);
    }

    // serde_json sorts keys by their UTF-8 bytes, which is code point order, not UTF-16 order.
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final int ca = a.codePointAt(i);
            final int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return normalizeObject(map);
        }
        if (value instanceof List<?> list) {
            final List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(normalize(item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof BigDecimal decimal) {
            // A scale of 0 prints like an integer and would read back as one.
            return decimal.scale() == 0 ? normalize(decimal.unscaledValue()) : decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            final double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("extra attributes cannot hold " + d + ", JSON has no such number");
            }
            return new BigDecimal(value.toString());
        }
        throw new IllegalArgumentException(
                "extra attribute values must be JSON (maps, lists, strings, numbers, booleans, null), got "
                        + value.getClass().getName());
    }
}
