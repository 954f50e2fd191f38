package dev.weft.server.differential;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two answers in {@link ResultRows}' canonical values. Rows compare as multisets, or in order when the
 * query orders its result. Values: NULL equals NULL; exact numbers equal by value whatever their type or scale
 * ({@code 2} = {@code 2.0}); two integral values must be equal exactly; otherwise numbers (any floating-point value,
 * or a fraction such as PostgreSQL's 20-digit numeric division) are equal within a relative difference of
 * {@value #RELATIVE} (absolute {@value #ABSOLUTE} near zero). Everything else compares with {@code equals}.
 */
final class ResultComparator {
    static final double RELATIVE = 1e-9;
    static final double ABSOLUTE = 1e-12;

    private static final Comparator<Object> VALUE_ORDER = ResultComparator::compareForSort;
    private static final Comparator<List<Object>> ROW_ORDER = ResultComparator::compareRows;

    private ResultComparator() {}

    /**
     * Why {@code actual} differs from {@code expected}, in one line, or empty when they are the same answer.
     *
     * @param ordered whether row order matters
     */
    static Optional<String> difference(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        final int expectedColumns = expected.isEmpty() ? -1 : expected.get(0).size();
        final int actualColumns = actual.isEmpty() ? -1 : actual.get(0).size();
        if (expectedColumns >= 0 && actualColumns >= 0 && expectedColumns != actualColumns) {
            return Optional.of("column count: expected " + expectedColumns + ", got " + actualColumns);
        }
        if (expected.size() != actual.size()) {
            return Optional.of("row count: expected " + expected.size() + ", got " + actual.size()
                    + firstMissing(expected, actual));
        }
        final Optional<String> unordered = pairwise(sorted(expected), sorted(actual));
        if (unordered.isPresent() || !ordered) {
            return unordered;
        }
        return pairwise(expected, actual).map(d -> "row order: " + d);
    }

    private static String firstMissing(List<List<Object>> expected, List<List<Object>> actual) {
        final List<List<Object>> left = sorted(expected);
        final List<List<Object>> right = sorted(actual);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            if (!rowsEqual(left.get(i), right.get(i))) {
                return "; first difference: expected " + left.get(i) + ", got " + right.get(i);
            }
        }
        return left.size() > right.size() ? "; missing " + left.get(right.size())
                : right.size() > left.size() ? "; extra " + right.get(left.size()) : "";
    }

    private static Optional<String> pairwise(List<List<Object>> expected, List<List<Object>> actual) {
        for (int i = 0; i < expected.size(); i++) {
            if (!rowsEqual(expected.get(i), actual.get(i))) {
                return Optional.of("row " + i + ": expected " + describe(expected.get(i)) + ", got "
                        + describe(actual.get(i)));
            }
        }
        return Optional.empty();
    }

    private static String describe(List<Object> row) {
        final List<String> parts = new ArrayList<>();
        for (Object value : row) {
            parts.add(value == null ? "NULL" : value + (value instanceof Double ? "d" : ""));
        }
        return parts.toString();
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        final List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(ROW_ORDER);
        return copy;
    }

    static boolean rowsEqual(List<Object> left, List<Object> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!valuesEqual(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean valuesEqual(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return numbersEqual(a, b);
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!valuesEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(left, right);
    }

    private static boolean numbersEqual(Number a, Number b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            if (x.compareTo(y) == 0) {
                return true;
            }
            if (integral(x) && integral(y)) {
                return false;
            }
        }
        final double x = a.doubleValue();
        final double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y) == 0;
        }
        final double diff = Math.abs(x - y);
        return diff <= ABSOLUTE || diff <= RELATIVE * Math.max(Math.abs(x), Math.abs(y));
    }

    private static boolean integral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static int compareRows(List<Object> left, List<Object> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            final int c = VALUE_ORDER.compare(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** A total order for sorting before a multiset comparison: NULL first, numbers by value, others by text. */
    private static int compareForSort(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof Number || right instanceof Number) {
            return left instanceof Number ? -1 : 1;
        }
        final int byType = left.getClass().getName().compareTo(right.getClass().getName());
        return byType != 0 ? byType : left.toString().compareTo(right.toString());
    }
}
