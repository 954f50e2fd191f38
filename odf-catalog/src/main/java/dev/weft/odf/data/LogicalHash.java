package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.hash.Sha3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streaming ODF logical hash (RFC 002): arrow-digest's {@code RecordDigestV0} with SHA3-256, as multihash
 * {@code arrow0-sha3-256}.
 *
 * <p>Feed record batches of one schema with {@link #update}, then call {@link #finish} once. The result depends only on
 * the schema (field names, nesting and logical types, not nullability or metadata) and the rows in order, never on how
 * the rows are split into batches or on the physical variant of a type ({@code Utf8}, {@code LargeUtf8} and
 * {@code Utf8View} hash alike). Supported: integers, floats (16/32/64), bool, the Utf8 and Binary families,
 * FixedSizeBinary, Date32/64, Time32/64, Timestamp, Decimal128/256, List/LargeList/FixedSizeList of those, and Struct.
 * Not thread-safe.
 */
public final class LogicalHash {
    private final Schema schema;
    private final Sha3 combined = new Sha3();
    private final List<ColumnDigest> columns = new ArrayList<>();
    private boolean finished;

    /**
     * Starts a hash for batches of the given schema.
     *
     * @throws WeftException with {@link ErrorCode#UNSUPPORTED} naming the column when a type has no defined hash
     */
    public LogicalHash(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        walkFields(schema.getFields(), 0, "");
    }

    /** The hash of the given batches, all of the given schema. */
    public static Multihash of(Schema schema, Iterable<VectorSchemaRoot> batches) {
        final LogicalHash hash = new LogicalHash(schema);
        for (VectorSchemaRoot batch : batches) {
            hash.update(batch);
        }
        return hash.finish();
    }

    /** The schema this hash was started with. */
    public Schema schema() {
        return schema;
    }

    /**
     * Adds the rows of one batch; the batch is only read and may be reused by the caller afterwards.
     *
     * @throws WeftException with {@link ErrorCode#INVALID_ARGUMENT} when the batch has another shape than the schema
     */
    public void update(VectorSchemaRoot batch) {
        Objects.requireNonNull(batch, "batch");
        checkNotFinished();
        final List<FieldVector> vectors = batch.getFieldVectors();
        if (vectors.size() != schema.getFields().size()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot hash batch: it has " + vectors.size()
                    + " columns but the schema has " + schema.getFields().size());
        }
        final int[] next = {0};
        walkVectors(vectors, null, batch.getRowCount(), next);
        if (next[0] != columns.size()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot hash batch: it has " + next[0]
                    + " leaf columns but the schema has " + columns.size());
        }
    }

    /** Completes the hash; the object cannot be used afterwards. */
    public Multihash finish() {
        checkNotFinished();
        finished = true;
        final byte[] digest = new byte[32];
        for (ColumnDigest column : columns) {
            column.finishInto(digest);
            combined.update(digest, 0, digest.length);
        }
        combined.doFinal(digest, 0);
        return Multihash.of(Multihash.ARROW0_SHA3_256, digest);
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("logical hash already finished");
        }
    }

    // Depth first: a struct contributes its name and level, its children follow one level deeper; only leaves
    // get a column digest.
    private void walkFields(List<Field> fields, long level, String prefix) {
        for (Field field : fields) {
            final byte[] name = field.getName().getBytes(StandardCharsets.UTF_8);
            combined.update(Bytes.u64(name.length), 0, 8);
            combined.update(name, 0, name.length);
            combined.update(Bytes.u64(level), 0, 8);
            final String path = prefix + field.getName();
            if (field.getType().getTypeID() == ArrowType.ArrowTypeID.Struct) {
                if (field.getDictionary() != null) {
                    throw TypeDigest.unsupported(path, field);
                }
                walkFields(field.getChildren(), level + 1, path + ".");
            } else {
                columns.add(new ColumnDigest(path, field));
            }
        }
    }

    private void walkVectors(List<FieldVector> vectors, Validity parent, int rowCount, int[] next) {
        for (FieldVector vector : vectors) {
            if (vector instanceof StructVector struct) {
                final Validity combined = Validity.combine(parent, Validity.ofOwn(struct, rowCount));
                walkVectors(struct.getChildrenFromFields(), combined, rowCount, next);
            } else {
                if (next[0] >= columns.size()) {
                    throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                            "Cannot hash batch: it has more leaf columns than the schema");
                }
                columns.get(next[0]++).update(vector, parent, rowCount);
            }
        }
    }
}
