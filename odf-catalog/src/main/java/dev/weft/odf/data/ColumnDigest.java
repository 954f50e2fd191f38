package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Sha3;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** The arrow-digest {@code ArrayDigestV0} of one leaf column: its type, then its values in row order. */
final class ColumnDigest {
    private static final byte NULL_MARKER = 0;
    private static final byte[] EMPTY = new byte[0];

    private final String column;
    private final Field field;
    private final Sha3 digest = new Sha3();
    // Values are gathered here and hashed a buffer at a time: most are a few bytes, and each update call costs.
    private final byte[] pending = new byte[1 << 14];
    private int pendingBytes;

    ColumnDigest(String column, Field field) {
        this.column = column;
        this.field = field;
        TypeDigest.hash(column, field, digest);
    }

    /** Hashes the first {@code rowCount} rows of the vector under the validity its parents impose. */
    void update(FieldVector vector, Validity parent, int rowCount) {
        if (!vector.getField().getType().equals(field.getType())) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot hash batch: column '" + column + "' has type "
                    + vector.getField().getType() + " but the schema says " + field.getType());
        }
        hashValues(vector, 0, rowCount, Validity.combine(parent, Validity.ofOwn(vector, vector.getValueCount())));
    }

    void finishInto(byte[] out) {
        flush();
        digest.doFinal(out, 0);
    }

    private void flush() {
        digest.update(pending, 0, pendingBytes);
        pendingBytes = 0;
    }

    private void put(byte value) {
        if (pendingBytes == pending.length) {
            flush();
        }
        pending[pendingBytes++] = value;
    }

    private void putU64(long value) {
        if (pending.length - pendingBytes < Long.BYTES) {
            flush();
        }
        for (int i = 0; i < Long.BYTES; i++) {
            pending[pendingBytes++] = (byte) (value >>> (8 * i));
        }
    }

    private void put(byte[] bytes) {
        if (bytes.length > pending.length - pendingBytes) {
            flush();
            if (bytes.length > pending.length) {
                digest.update(bytes, 0, bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, pending, pendingBytes, bytes.length);
        pendingBytes += bytes.length;
    }

    private void put(ArrowBuf data, long start, long length) {
        long position = start;
        final long limit = start + length;
        while (position < limit) {
            if (pendingBytes == pending.length) {
                flush();
            }
            final int n = (int) Math.min(pending.length - pendingBytes, limit - position);
            data.getBytes(position, pending, pendingBytes, n);
            pendingBytes += n;
            position += n;
        }
    }

    private void hashValues(FieldVector vector, int start, int end, Validity validity) {
        final Field f = vector.getField();
        final ArrowType.ArrowTypeID id = f.getType().getTypeID();
        final int width = TypeDigest.fixedWidth(column, f);
        if (width > 0) {
            hashFixedWidth(((BaseFixedWidthVector) vector).getDataBuffer(), width, start, end, validity);
            return;
        }
        switch (id) {
            case Bool -> {
                final ArrowBuf data = vector.getDataBuffer();
                for (int i = start; i < end; i++) {
                    put(validity == null || validity.isValid(i)
                            ? (byte) (BitVectorHelper.get(data, i) + 1) : NULL_MARKER);
                }
            }
            case Utf8, LargeUtf8, Utf8View, Binary, LargeBinary, BinaryView -> {
                for (int i = start; i < end; i++) {
                    if (validity == null || validity.isValid(i)) {
                        putVariableWidth(vector, i);
                    } else {
                        put(NULL_MARKER);
                    }
                }
            }
            case FixedSizeBinary -> {
                final int size = ((FixedSizeBinaryVector) vector).getByteWidth();
                final ArrowBuf data = vector.getDataBuffer();
                for (int i = start; i < end; i++) {
                    if (validity == null || validity.isValid(i)) {
                        putU64(size);
                        put(data, (long) i * size, size);
                    } else {
                        put(NULL_MARKER);
                    }
                }
            }
            case List, LargeList, FixedSizeList -> hashLists(vector, start, end, validity);
            default -> throw TypeDigest.unsupported(column, f);
        }
    }

    // Each list is its length as u64 followed by its items hashed with only their own nulls, as arrow-digest does.
    private void hashLists(FieldVector vector, int start, int end, Validity validity) {
        final FieldVector items = vector.getChildrenFromFields().get(0);
        final Validity itemValidity = Validity.ofOwn(items, items.getValueCount());
        for (int i = start; i < end; i++) {
            if (validity != null && !validity.isValid(i)) {
                put(NULL_MARKER);
                continue;
            }
            final long from;
            final long to;
            if (vector instanceof ListVector list) {
                from = list.getElementStartIndex(i);
                to = list.getElementEndIndex(i);
            } else if (vector instanceof LargeListVector list) {
                from = list.getElementStartIndex(i);
                to = list.getElementEndIndex(i);
            } else {
                final int size = ((FixedSizeListVector) vector).getListSize();
                from = (long) i * size;
                to = from + size;
            }
            putU64(to - from);
            hashValues(items, Math.toIntExact(from), Math.toIntExact(to), itemValidity);
        }
    }

    /** A text or binary value as its length (u64) and its bytes, read from the Arrow buffers where it can be. */
    private void putVariableWidth(FieldVector vector, int index) {
        if (vector instanceof BaseVariableWidthVector v) {
            final ArrowBuf offsets = v.getOffsetBuffer();
            final int start = offsets.getInt((long) index * BaseVariableWidthVector.OFFSET_WIDTH);
            final int length = offsets.getInt((long) (index + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
            putU64(length);
            put(v.getDataBuffer(), start, length);
            return;
        }
        final byte[] value = ((VariableWidthFieldVector) vector).get(index);
        final byte[] bytes = value == null ? EMPTY : value;
        putU64(bytes.length);
        put(bytes);
    }

    private void hashFixedWidth(ArrowBuf data, int width, int start, int end, Validity validity) {
        if (validity == null) {
            // Without nulls the values are one contiguous little-endian byte range.
            put(data, (long) start * width, (long) (end - start) * width);
            return;
        }
        for (int i = start; i < end; i++) {
            if (validity.isValid(i)) {
                put(data, (long) i * width, width);
            } else {
                put(NULL_MARKER);
            }
        }
    }
}
