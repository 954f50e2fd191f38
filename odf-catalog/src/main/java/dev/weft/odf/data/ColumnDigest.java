package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.bouncycastle.crypto.digests.SHA3Digest;

/** The arrow-digest {@code ArrayDigestV0} of one leaf column: its type, then its values in row order. */
final class ColumnDigest {
    private static final byte NULL_MARKER = 0;
    private static final byte[] EMPTY = new byte[0];

    private final String column;
    private final Field field;
    private final SHA3Digest digest = new SHA3Digest(256);
    private final byte[] chunk = new byte[1 << 13];

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
        digest.doFinal(out, 0);
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
                    digest.update(validity == null || validity.isValid(i)
                            ? (byte) (BitVectorHelper.get(data, i) + 1) : NULL_MARKER);
                }
            }
            case Utf8, LargeUtf8, Utf8View, Binary, LargeBinary, BinaryView -> {
                final VariableWidthFieldVector v = (VariableWidthFieldVector) vector;
                for (int i = start; i < end; i++) {
                    if (validity == null || validity.isValid(i)) {
                        final byte[] value = v.get(i);
                        final byte[] bytes = value == null ? EMPTY : value;
                        digest.update(Bytes.u64(bytes.length), 0, 8);
                        digest.update(bytes, 0, bytes.length);
                    } else {
                        digest.update(NULL_MARKER);
                    }
                }
            }
            case FixedSizeBinary -> {
                final int size = ((FixedSizeBinaryVector) vector).getByteWidth();
                final ArrowBuf data = vector.getDataBuffer();
                final byte[] value = new byte[size];
                for (int i = start; i < end; i++) {
                    if (validity == null || validity.isValid(i)) {
                        data.getBytes((long) i * size, value, 0, size);
                        digest.update(Bytes.u64(size), 0, 8);
                        digest.update(value, 0, size);
                    } else {
                        digest.update(NULL_MARKER);
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
                digest.update(NULL_MARKER);
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
            digest.update(Bytes.u64(to - from), 0, 8);
            hashValues(items, Math.toIntExact(from), Math.toIntExact(to), itemValidity);
        }
    }

    private void hashFixedWidth(ArrowBuf data, int width, int start, int end, Validity validity) {
        if (validity == null) {
            // Without nulls the values are hashed as one contiguous little-endian byte range.
            long position = (long) start * width;
            final long limit = (long) end * width;
            while (position < limit) {
                final int n = (int) Math.min(chunk.length, limit - position);
                data.getBytes(position, chunk, 0, n);
                digest.update(chunk, 0, n);
                position += n;
            }
            return;
        }
        for (int i = start; i < end; i++) {
            if (validity.isValid(i)) {
                data.getBytes((long) i * width, chunk, 0, width);
                digest.update(chunk, 0, width);
            } else {
                digest.update(NULL_MARKER);
            }
        }
    }
}
