package dev.weft.odf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canonical JSON of {@link ExtraAttributes} (TEST_VECTORS.md note C). */
class ExtraAttributesTest {
    @Test
    void keysAreSortedAtEveryLevelInCompactJson() {
        final Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("sizeNaive", 100);
        inner.put("numObjectsNaive", 10);
        final ExtraAttributes extra = ExtraAttributes.of(Map.of("opendatafabric.org/linkedObjects", inner));

        assertThat(extra.toJson())
                .isEqualTo("{\"opendatafabric.org/linkedObjects\":{\"numObjectsNaive\":10,\"sizeNaive\":100}}");
    }

    @Test
    void parsingIgnoresWhitespaceAndKeyOrder() {
        final ExtraAttributes parsed = ExtraAttributes.parse(
                "{ \"b\" : [1, 2.50, true, null, \"x\\n\\u00e9\"],\n \"a\": {\"z\": {}, \"y\": []} }");

        assertThat(parsed.toJson()).isEqualTo("{\"a\":{\"y\":[],\"z\":{}},\"b\":[1,2.50,true,null,\"x\\né\"]}");
        assertThat(ExtraAttributes.parse(parsed.toJson())).isEqualTo(parsed);
    }

    @Test
    void numbersCompareByJsonValueWhateverTheJavaType() {
        final Map<String, Object> withNull = new HashMap<>();
        withNull.put("n", null);
        withNull.put("i", (short) 7);
        withNull.put("big", new BigInteger("123456789012345678901234567890"));
        withNull.put("d", new BigDecimal("42"));
        withNull.put("f", 1.5);
        withNull.put("l", Arrays.asList(1, null));

        final ExtraAttributes extra = ExtraAttributes.of(withNull);

        assertThat(extra.entries()).containsEntry("i", 7L).containsEntry("d", 42L)
                .containsEntry("f", new BigDecimal("1.5"));
        assertThat(extra.toJson()).isEqualTo(
                "{\"big\":123456789012345678901234567890,\"d\":42,\"f\":1.5,\"i\":7,\"l\":[1,null],\"n\":null}");
        assertThat(ExtraAttributes.parse(extra.toJson())).isEqualTo(extra);
    }

    @Test
    void keysAreOrderedByCodePointLikeUtf8Bytes() {
        final ExtraAttributes extra = ExtraAttributes.of(Map.of("\uFB01", 1, "\uD83D\uDE00", 2));

        assertThat(extra.entries().keySet()).containsExactly("\uFB01", "\uD83D\uDE00");
    }

    @Test
    void entriesAreDeeplyImmutable() {
        final ExtraAttributes extra = ExtraAttributes.parse("{\"a\":{\"b\":[1]}}");

        assertThatThrownBy(() -> extra.entries().put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        final Map<String, Object> a = (Map<String, Object>) extra.entries().get("a");
        @SuppressWarnings("unchecked")
        final List<Object> b = (List<Object>) a.get("b");
        assertThatThrownBy(() -> b.add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidJsonNamesThePosition() {
        assertThatThrownBy(() -> ExtraAttributes.parse("{\"a\":}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at character 5: expected a value");
        assertThatThrownBy(() -> ExtraAttributes.parse("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ExtraAttributes.parse("{\"a\":1,\"a\":2}"))
                .hasMessageContaining("duplicate \"a\"");
        assertThatThrownBy(() -> ExtraAttributes.parse("{\"a\":01}")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> ExtraAttributes.of(Map.of("a", new Object())))
                .hasMessageContaining("must be JSON");
    }
}
