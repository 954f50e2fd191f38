package dev.weft.odf.ingest.csv;

/**
 * One record of a {@link CsvTokenizer}, valid until the tokenizer advances. Fields are views into the tokenizer's
 * buffer so that typed parsing can read characters without creating strings.
 */
public final class CsvRecord {
    private final CsvTokenizer owner;
    int count;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int[] columns = new int[16];
    /** Bit per field: 1 = quoted, 2 = contains escapes to resolve. */
    byte[] flags = new byte[16];
    long line;

    CsvRecord(CsvTokenizer owner) {
        this.owner = owner;
    }

    /** Number of fields. */
    public int size() {
        return count;
    }

    /** Line number (1-based) where this record starts. */
    public long line() {
        return line;
    }

    /** Column (1-based, in characters) where field {@code i} starts in its line. */
    public int column(int i) {
        return columns[i];
    }

    /** Whether the field is null: unquoted and equal to the null value. */
    public boolean isNull(int i) {
        return (flags[i] & 1) == 0 && contentEquals(i, owner.options().nullValue());
    }

    /** The field's text with quotes and escapes resolved, or null when {@link #isNull}. */
    public String text(int i) {
        if (isNull(i)) {
            return null;
        }
        if ((flags[i] & 2) != 0) {
            return owner.unescape(starts[i], ends[i]);
        }
        return new String(owner.buffer(), starts[i], ends[i] - starts[i]);
    }

    /**
     * Whether the field's raw characters can be parsed in place: true unless it holds escapes. Use
     * {@link #buffer()}, {@link #start} and {@link #end} then.
     */
    public boolean isPlain(int i) {
        return (flags[i] & 2) == 0;
    }

    /** The shared character buffer holding plain fields. */
    public char[] buffer() {
        return owner.buffer();
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    private boolean contentEquals(int i, String value) {
        final int length = ends[i] - starts[i];
        if (length != value.length()) {
            return false;
        }
        final char[] buffer = owner.buffer();
        for (int k = 0; k < length; k++) {
            if (buffer[starts[i] + k] != value.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    void add(int start, int end, int column, byte flag) {
        if (count == starts.length) {
            final int grown = count * 2;
            starts = java.util.Arrays.copyOf(starts, grown);
            ends = java.util.Arrays.copyOf(ends, grown);
            columns = java.util.Arrays.copyOf(columns, grown);
            flags = java.util.Arrays.copyOf(flags, grown);
        }
        starts[count] = start;
        ends[count] = end;
        columns[count] = column;
        flags[count] = flag;
        count++;
    }
}
