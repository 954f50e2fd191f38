package dev.weft.odf.data;

import java.util.BitSet;
import org.apache.arrow.vector.ValueVector;

/**
 * Which rows of a column count as valid while hashing, reproducing arrow-digest's null-buffer combination exactly.
 *
 * <p>{@code null} stands for arrow-rs's absent null buffer: every row is hashed as a value. A Java vector whose null
 * count is zero is treated as having no null buffer, which is how arrow-rs normalises such arrays.
 */
final class Validity {
    private final ValueVector own;
    private final BitSet combined;
    private final int rows;
    private final int nullCount;

    private Validity(ValueVector own, BitSet combined, int rows, int nullCount) {
        this.own = own;
        this.combined = combined;
        this.rows = rows;
        this.nullCount = nullCount;
    }

    /** The vector's own validity, or {@code null} when it has no nulls. */
    static Validity ofOwn(ValueVector vector, int rowCount) {
        final int nulls = vector.getNullCount();
        return nulls == 0 ? null : new Validity(vector, null, rowCount, nulls);
    }

    /**
     * Combines a parent struct's validity with a child's as arrow-digest 57 does: one side alone is taken when it has
     * nulls, two sides with nulls are merged with a bitwise OR of their validity bits (so a row is hashed as a value
     * when either side marks it valid), and every other case hashes all rows as values.
     */
    static Validity combine(Validity parent, Validity own) {
        if (parent == null) {
            return own != null && own.nullCount != 0 ? own : null;
        }
        if (own == null) {
            return parent.nullCount != 0 ? parent : null;
        }
        if (parent.nullCount == 0 || own.nullCount == 0) {
            return null;
        }
        final int rows = Math.min(parent.rows, own.rows);
        final BitSet bits = new BitSet(rows);
        int nulls = 0;
        for (int i = 0; i < rows; i++) {
            if (parent.isValid(i) || own.isValid(i)) {
                bits.set(i);
            } else {
                nulls++;
            }
        }
        return new Validity(null, bits, rows, nulls);
    }

    boolean isValid(int index) {
        return own != null ? !own.isNull(index) : combined.get(index);
    }
}
