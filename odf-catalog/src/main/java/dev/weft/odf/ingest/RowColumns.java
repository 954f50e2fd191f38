package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A chosen list of a record's columns, as a merge strategy names them (primary key, compare columns, sort order):
 * data columns and the event-time column alike. Reads their values as a key that compares by value, and orders
 * records by them the way kamu's writer does (ascending, nulls first, strings by UTF-8 bytes). Immutable.
 */
final class RowColumns {
    /** Stands for the event-time column, which {@link IngestRow} holds apart from the data values. */
    private static final int EVENT_TIME = -1;

    private final List<String> names;
    private final int[] indexes;

    private RowColumns(List<String> names, int[] indexes) {
        this.names = List.copyOf(names);
        this.indexes = indexes;
    }

    /**
     * The columns {@code names}, looked up among the data columns and the event-time column.
     *
     * @param what what the names are, for the message when one is unknown (e.g. "primary key")
     * @throws WeftException {@code INVALID_MANIFEST} naming the strategy and the unknown column
     */
    static RowColumns of(List<String> names, List<String> dataColumns, String eventTimeColumn, String strategy,
            String what) {
        final int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            final String name = names.get(i);
            indexes[i] = name.equals(eventTimeColumn) ? EVENT_TIME : dataColumns.indexOf(name);
            if (indexes[i] < 0 && !name.equals(eventTimeColumn)) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST, "The " + strategy + " merge strategy names " + what
                        + " '" + name + "', which is not a column of the data; columns are " + eventTimeColumn
                        + " (event time) and " + dataColumns);
            }
        }
        return new RowColumns(names, indexes);
    }

    /** The values of these columns in {@code row}, usable as a map key (compares by value). */
    List<Object> valuesOf(IngestRow row) {
        final Object[] key = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            key[i] = value(row, i);
        }
        return Arrays.asList(key);
    }

    /** Orders records by these columns, ascending, nulls first. */
    Comparator<IngestRow> order() {
        return (a, b) -> {
            for (int i = 0; i < indexes.length; i++) {
                final int c = compareValues(value(a, i), value(b, i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** {@code (name=value, …)} for messages. */
    String describe(List<Object> values) {
        final StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < names.size(); i++) {
            out.append(i > 0 ? ", " : "").append(names.get(i)).append('=').append(values.get(i));
        }
        return out.append(')').toString();
    }

    private Object value(IngestRow row, int i) {
        return indexes[i] == EVENT_TIME ? (Object) row.eventTime() : row.values()[indexes[i]];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String x && b instanceof String y) {
            return compareUtf8(x, y);
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Java compares strings by UTF-16 units; Arrow by UTF-8 bytes, which is code point order. */
    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final int x = a.codePointAt(i);
            final int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
