package dev.weft.server.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void unorderedAnswersCompareAsMultisets() {
        final List<List<Object>> pg = List.of(row(1, "a"), row(2, null), row(1, "a"));
        final List<List<Object>> weft = List.of(row(2, null), row(1, "a"), row(1, "a"));
        assertEquals(Optional.empty(), ResultComparator.difference(canonical(pg), canonical(weft), false));
        assertTrue(ResultComparator.difference(canonical(pg), canonical(weft), true).orElseThrow()
                .startsWith("row order: "));
        assertTrue(ResultComparator.difference(canonical(pg), canonical(weft.subList(0, 2)), false).orElseThrow()
                .startsWith("row count: expected 3, got 2"));
    }

    @Test
    void exactNumbersEqualByValueAndIntegersExactly() {
        assertTrue(ResultComparator.valuesEqual(new BigDecimal("2"), new BigDecimal("2.000")));
        assertFalse(ResultComparator.valuesEqual(new BigDecimal("123456789012"), new BigDecimal("123456789013")));
        assertTrue(ResultComparator.valuesEqual(new BigDecimal("3.3333333333333333"), 3.3333333333333335d));
        assertFalse(ResultComparator.valuesEqual(new BigDecimal("2.5"), new BigDecimal("2")));
    }

    @Test
    void floatingPointHasARelativeTolerance() {
        assertTrue(ResultComparator.valuesEqual(1e10, 1e10 + 1e-2));
        assertFalse(ResultComparator.valuesEqual(1.0, 1.0001));
        assertTrue(ResultComparator.valuesEqual(0.0, 1e-13));
    }

    @Test
    void nullEqualsOnlyNullAndOtherValuesUseEquals() {
        assertTrue(ResultComparator.valuesEqual(null, null));
        assertFalse(ResultComparator.valuesEqual(null, BigDecimal.ZERO));
        assertFalse(ResultComparator.valuesEqual("big", "big "));
        assertTrue(ResultComparator.valuesEqual(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29)));
        assertTrue(ResultComparator.valuesEqual(List.of(BigDecimal.ONE), List.of(new BigDecimal("1.0"))));
    }

    @Test
    void aDifferentColumnCountIsReportedFirst() {
        assertEquals(Optional.of("column count: expected 1, got 2"),
                ResultComparator.difference(List.of(row(1)), List.of(row(1, 2)), false));
    }

    private static List<List<Object>> canonical(List<List<Object>> rows) {
        return rows.stream().map(r -> r.stream().map(ResultRows::canonical).toList()).toList();
    }
}
