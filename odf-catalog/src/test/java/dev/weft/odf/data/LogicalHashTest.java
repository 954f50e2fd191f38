package dev.weft.odf.data;

import static dev.weft.odf.data.ArrowFixtures.notNull;
import static dev.weft.odf.data.ArrowFixtures.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.impl.UnionLargeListWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logical hash vectors. Expected values come from arrow-digest 57.0.0 itself ({@code RecordDigestV0<Sha3_256>},
 * the crate kamu uses) run on the same batches; see {@code src/test/rust/arrow-digest-vectors}. The first one is also
 * asserted by kamu-cli's own HTTP query test.
 */
class LogicalHashTest {
    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        assertThat(allocator.getAllocatedMemory()).as("leaked Arrow memory").isZero();
        allocator.close();
    }

    @Test
    void matchesKamuCliQueryResultHash() {
        // kamu-cli src/adapter/http/tests/tests/test_data_query.rs, test_data_query_handler_full ("dataHash")
        final Schema schema = new Schema(List.of(nullable("offset", new ArrowType.Int(64, true)),
                notNull("city", ArrowType.Utf8.INSTANCE), notNull("population", new ArrowType.Int(64, false))));
        try (VectorSchemaRoot root = batch(schema, Map.of("offset", new Object[] {1L, 0L},
                "city", new Object[] {"B", "A"}, "population", new Object[] {200L, 100L}))) {
            assertThat(LogicalHash.of(schema, List.of(root)).toMultibase())
                    .isEqualTo("f9680c001200b3483eecc3d5c6b50ee6b8cba11b51c08f89ea1f53d3a334c743199f5fe656e");
        }
    }

    @Test
    void matchesTestVectorForIntAndStringColumns() {
        final Schema schema = new Schema(List.of(notNull("a", new ArrowType.Int(32, true)),
                notNull("b", ArrowType.Utf8.INSTANCE)));
        try (VectorSchemaRoot root = batch(schema, Map.of("a", new Object[] {1L, 2L, 3L},
                "b", new Object[] {"a", "b", "c"}))) {
            assertThat(LogicalHash.of(schema, List.of(root)).toMultibase())
                    .isEqualTo("f9680c001205684f7bfdcaf4ff7d1f9bf0fd766c98d8ded335e933fb4eec245054f3206b61a");
        }
    }

    @Test
    void matchesTestVectorForNullableInts() {
        final Schema schema = new Schema(List.of(nullable("a", new ArrowType.Int(32, true))));
        try (VectorSchemaRoot root = batch(schema, Map.of("a", new Object[] {1L, null, 3L}))) {
            final Multihash hash = LogicalHash.of(schema, List.of(root));
            assertThat(hash.code()).isEqualTo(Multihash.ARROW0_SHA3_256);
            assertThat(hash.toMultibase())
                    .isEqualTo("f9680c00120be616af6e5981cd2b8dd08b2930cc12beac066cf300ba5c8e815b6553e3bd9e7");
        }
    }

    @Test
    void hashOfNoBatchesCoversTheSchemaOnly() {
        final Schema schema = new Schema(List.of(nullable("a", new ArrowType.Int(32, true))));
        assertThat(new LogicalHash(schema).finish().toMultibase())
                .isEqualTo("f9680c00120ad08e4321f7646db27347a5fa2eb63b02dca5e951fa8a9867767234f3b072492");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "i8, f9680c00120deff6e9fe8abf8f035b423439f2c497ade2ea8f88c9b44488f5e40bf0f9894f4",
        "i16, f9680c00120e12d864130c3a90ce314900da198c94edcf5a548a47bd99d9c395bc47a8e4795",
        "i32, f9680c00120f508ad7e4a1214e779ec45fa15ec23b77ed2f35bfa71cca2d48754e463975f39",
        "i64, f9680c00120e7cbe07872a7ca602d0393bf3eeab0f0f20a515f179f441ba586b309d5fc33bc",
        "u8, f9680c00120d4742cff0e09a2d0abbe598103475cae492b2e21a788e1c44745e7cda3aea5ce",
        "u16, f9680c00120bbc2a00c9f0b63f634440c981aad400d417d945e6924e48d486a3a824fddd938",
        "u32, f9680c001208585d315286c3b5b923e00a64e3d4780694d5684504cbcfb416b8efbe8afec5b",
        "u64, f9680c001202412c7982dcec21b827a22ab414e26d2706deea6bb8ad10fc6d467d2eaa0b8a1",
        "f32, f9680c00120e3ef4c0e2e56950978921c1223536fd166f16b90833c3a07adf1d9f900084db0",
        "f64, f9680c0012034f911c709e1f83abece139661cb0362a16d4fd7367a7b51fba05509f3b645da",
        "bool, f9680c00120c32de2dba11ddb98104fbd5f5db5e997f1640ea4746af9f893f5830c619dfe8b",
        "utf8, f9680c00120620eddcca7b7308bc804be1fa849364f3bcf73753877168f7000809266c4bb48",
        "large_utf8, f9680c00120472deeb01ff2146d10e1959ee193c325667b59e03cfed5fa0c0f807c976d8e14",
        "utf8_view, f9680c0012041f9508c73f551ec5aca327c7c43793d45ca9f4763af81857ca57c90df2ca51d",
        "bin, f9680c001203463a5e98d95dc8fbec4526957b7e7cd59195f7caf368594aa9c10ba0ceb7fac",
        "large_bin, f9680c00120b22361f6aae211deea216fc3fb29239e06a3e518d4ecc31645f7c9a7ec05360c",
        "bin_view, f9680c001203d8f0ea982611d72f443a9e86f160485dbe47aed419c61bfcae26257dd9032bf",
        "fixed_bin, f9680c001207f8303f66f05d7e20cbcfdab418b23d411d5e7a67b7dcd83131fd79c37fa5bc5",
        "date32, f9680c00120ef49538796b37c6ada719bd696fc0019e51662c521c11cbfbc39766fa16242f5",
        "date64, f9680c00120c1b7720b67388e0aef53d6f16d9da502985fbace956921931c3d3a4159d156ce",
        "time32_ms, f9680c0012056c3b0c88711cb9e9f4bfe828134b3985b32a12e715c6cb96a744752f7822272",
        "time64_us, f9680c001204495676e1900a9242cc055c4797ea7d36a0d90847d49b914462bf46cbe00d96b",
        "ts_s, f9680c001208b97b7629a1ecd5832868f4592b95dcf7507f0c70cad23df86f1e4b97a07acc5",
        "ts_ms_utc, f9680c00120019cebf8bfdac63df2110676c8aed3f929aa4df6f07177c33f4f12ca191bc6b5",
        "ts_us, f9680c00120fd388c51c98552e76c516c1a5cd0296f371489911ba1272d5c4241c03dd50952",
        "ts_ns_tz, f9680c00120793e41142fb2df56a2126e7a2d3c973d1f834d15743f638155726c7e92606866",
        "dec, f9680c001208545d35d81074e38b494d8947fbebf604f47d8f1db0a102b3df35f6c86c1a54d",
        "list_i32, f9680c0012006783476f414bc4db23ab0269f8aca1694f9e84ed3758ae4a9f07c03f0c220da",
    })
    void eachSupportedTypeMatchesArrowDigest(String column, String expected) {
        try (VectorSchemaRoot all = ArrowFixtures.allTypes(allocator)) {
            final FieldVector vector = all.getVector(column);
            final VectorSchemaRoot single = new VectorSchemaRoot(List.of(vector));
            single.setRowCount(all.getRowCount());
            assertThat(LogicalHash.of(single.getSchema(), List.of(single)).toMultibase()).isEqualTo(expected);
        }
    }

    @Test
    void moreTypesMatchArrowDigest() {
        final Schema schema = new Schema(List.of(
                nullable("f16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                nullable("time32_s", new ArrowType.Time(TimeUnit.SECOND, 32)),
                nullable("time64_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64)),
                nullable("dec256", new ArrowType.Decimal(40, 5, 256)),
                new Field("large_list_i32", FieldType.nullable(ArrowType.LargeList.INSTANCE),
                        List.of(nullable("item", new ArrowType.Int(32, true)))),
                new Field("fixed_list_i32", FieldType.nullable(new ArrowType.FixedSizeList(2)),
                        List.of(nullable("item", new ArrowType.Int(32, true))))));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            final Float2Vector f16 = (Float2Vector) root.getVector("f16");
            f16.setSafe(0, (short) 0x3E00);
            f16.setNull(1);
            f16.setSafe(2, (short) 0xC000);
            f16.setSafe(3, (short) 0x7C00);
            final TimeSecVector seconds = (TimeSecVector) root.getVector("time32_s");
            seconds.setSafe(0, 1);
            seconds.setNull(1);
            seconds.setSafe(2, 0);
            seconds.setSafe(3, 86_399);
            final TimeNanoVector nanos = (TimeNanoVector) root.getVector("time64_ns");
            nanos.setSafe(0, 1);
            nanos.setNull(1);
            nanos.setSafe(2, 0);
            nanos.setSafe(3, 86_399_999_999_999L);
            final Decimal256Vector dec = (Decimal256Vector) root.getVector("dec256");
            dec.setSafe(0, new BigDecimal(BigInteger.valueOf(123_456_789), 5));
            dec.setNull(1);
            dec.setSafe(2, new BigDecimal(BigInteger.valueOf(-1), 5));
            dec.setSafe(3, new BigDecimal(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), 5));
            final UnionLargeListWriter large = ((LargeListVector) root.getVector("large_list_i32")).getWriter();
            final Integer[][] lists = {{1, null, 3}, null, {}, {4}};
            for (int i = 0; i < lists.length; i++) {
                large.setPosition(i);
                if (lists[i] == null) {
                    large.writeNull();
                    continue;
                }
                large.startList();
                for (Integer item : lists[i]) {
                    if (item == null) {
                        large.integer().writeNull();
                    } else {
                        large.integer().writeInt(item);
                    }
                }
                large.endList();
            }
            final FixedSizeListVector fixed = (FixedSizeListVector) root.getVector("fixed_list_i32");
            final IntVector items = (IntVector) fixed.getDataVector();
            final Integer[][] pairs = {{1, null}, null, {0, 0}, {4, 5}};
            for (int i = 0; i < pairs.length; i++) {
                if (pairs[i] == null) {
                    fixed.setNull(i);
                    items.setNull(2 * i);
                    items.setNull(2 * i + 1);
                    continue;
                }
                fixed.setNotNull(i);
                for (int j = 0; j < 2; j++) {
                    if (pairs[i][j] == null) {
                        items.setNull(2 * i + j);
                    } else {
                        items.setSafe(2 * i + j, pairs[i][j]);
                    }
                }
            }
            root.setRowCount(4);
            final Map<String, String> expected = Map.of(
                    "f16", "f9680c00120e76888dab4ba6d18f8f7653000ec8bd7c7cd8d2f99db697aa638e87155a878a0",
                    "time32_s", "f9680c00120f34662f6aea5a012f557650f62c66ec436ebf975bb4d1afd2f334159f0c9c033",
                    "time64_ns", "f9680c00120a9885a83314b08cf59fba84c13b9af93e067522567670b87efc05dcf5be90e8c",
                    "dec256", "f9680c00120c43eb8d45df63fb95c1595ec0284580e323c124abb566e93663aca873a0ac81b",
                    "large_list_i32", "f9680c00120e24afce1db9186eab0c8889960a84e3d44e780149bcd8c65ce56d912f4d2dbb9",
                    "fixed_list_i32", "f9680c0012065a33f46480eece6f94901d225df392092302cb1cfe5f4519b1aa3a69ae46e6e");
            for (Map.Entry<String, String> column : expected.entrySet()) {
                final VectorSchemaRoot single = new VectorSchemaRoot(List.of(root.getVector(column.getKey())));
                single.setRowCount(4);
                assertThat(LogicalHash.of(single.getSchema(), List.of(single)).toMultibase())
                        .as(column.getKey()).isEqualTo(column.getValue());
            }
        }
    }

    @Test
    void allTypesTogetherMatchArrowDigestInOneOrManyBatches() {
        final String expected = "f9680c001205a8ed2376da3c6fc124ddf607488ccec968718d4d2bc709b01874efaf3c62807";
        try (VectorSchemaRoot all = ArrowFixtures.allTypes(allocator)) {
            assertThat(LogicalHash.of(all.getSchema(), List.of(all)).toMultibase()).isEqualTo(expected);
            final LogicalHash split = new LogicalHash(all.getSchema());
            for (int[] range : new int[][] {{0, 1}, {1, 2}, {3, 1}}) {
                try (VectorSchemaRoot part = all.slice(range[0], range[1])) {
                    split.update(part);
                }
            }
            assertThat(split.finish().toMultibase()).isEqualTo(expected);
        }
    }

    @Test
    void structColumnsMatchArrowDigestIncludingItsNullCombination() {
        try (VectorSchemaRoot withNulls = ArrowFixtures.structBatch(allocator, true);
                VectorSchemaRoot withoutNulls = ArrowFixtures.structBatch(allocator, false)) {
            assertThat(LogicalHash.of(withNulls.getSchema(), List.of(withNulls)).toMultibase())
                    .isEqualTo("f9680c00120a7b62708c5d9ec825c027a18a4974a55282a6fc4f61cc16d39d2f815a6551b1b");
            assertThat(LogicalHash.of(withoutNulls.getSchema(), List.of(withoutNulls)).toMultibase())
                    .isEqualTo("f9680c0012066ae893dbcffb88002b9287fa3d9b6c70ad23daacdcab3b31012c867e6b63c7f");
        }
    }

    @Test
    void unsupportedTypeIsRejectedNamingTheColumn() {
        final Schema schema = new Schema(List.of(nullable("ok", new ArrowType.Int(32, true)),
                nullable("took", new ArrowType.Duration(TimeUnit.SECOND))));
        assertThatThrownBy(() -> new LogicalHash(schema))
                .isInstanceOfSatisfying(WeftException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("'took'").hasMessageContaining("Duration");
    }

    @Test
    void listOfStructsIsRejectedAsArrowDigestCannotHashIt() {
        final Field item = new Field("item", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(nullable("x", new ArrowType.Int(32, true))));
        final Schema schema = new Schema(List.of(new Field("l", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(item))));
        assertThatThrownBy(() -> new LogicalHash(schema)).isInstanceOf(WeftException.class)
                .hasMessageContaining("'l'");
    }

    @Test
    void changingOneValueOrAColumnNameChangesTheHash() {
        final Schema schema = new Schema(List.of(nullable("a", new ArrowType.Int(32, true))));
        final Schema renamed = new Schema(List.of(nullable("b", new ArrowType.Int(32, true))));
        try (VectorSchemaRoot one = batch(schema, Map.of("a", new Object[] {1L, 2L, 3L}));
                VectorSchemaRoot two = batch(schema, Map.of("a", new Object[] {1L, 2L, 4L}));
                VectorSchemaRoot three = batch(renamed, Map.of("b", new Object[] {1L, 2L, 3L}))) {
            final Multihash h1 = LogicalHash.of(schema, List.of(one));
            assertThat(LogicalHash.of(schema, List.of(one))).isEqualTo(h1);
            assertThat(LogicalHash.of(schema, List.of(two))).isNotEqualTo(h1);
            assertThat(LogicalHash.of(renamed, List.of(three))).isNotEqualTo(h1);
        }
    }

    @Property(tries = 60)
    void hashDoesNotDependOnBatchBoundaries(
            @ForAll @Size(max = 40) List<@WithNull(0.2) Integer> numbers,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40) Integer> cuts) {
        try (BufferAllocator alloc = new RootAllocator()) {
            final Schema schema = new Schema(List.of(nullable("n", new ArrowType.Int(32, true)),
                    nullable("s", ArrowType.Utf8.INSTANCE), nullable("flag", ArrowType.Bool.INSTANCE)));
            final int rows = numbers.size();
            final Object[] n = new Object[rows];
            final Object[] s = new Object[rows];
            final Object[] flag = new Object[rows];
            for (int i = 0; i < rows; i++) {
                final Integer v = numbers.get(i);
                n[i] = v == null ? null : (long) v;
                s[i] = v == null ? null : "s" + v;
                flag[i] = v == null ? null : v % 2 == 0;
            }
            final Multihash whole;
            try (VectorSchemaRoot all = batch(alloc, schema, Map.of("n", n, "s", s, "flag", flag))) {
                whole = LogicalHash.of(schema, List.of(all));
                final TreeSet<Integer> points = new TreeSet<>();
                cuts.stream().filter(c -> c <= rows).forEach(points::add);
                points.add(rows);
                final LogicalHash split = new LogicalHash(schema);
                final List<VectorSchemaRoot> parts = new ArrayList<>();
                int start = 0;
                for (int end : points) {
                    parts.add(all.slice(start, end - start));
                    start = end;
                }
                for (VectorSchemaRoot part : parts) {
                    split.update(part);
                    part.close();
                }
                assertThat(split.finish()).isEqualTo(whole);
            }
            assertThat(alloc.getAllocatedMemory()).isZero();
        }
    }

    private VectorSchemaRoot batch(Schema schema, Map<String, Object[]> columns) {
        return batch(allocator, schema, columns);
    }

    static VectorSchemaRoot batch(BufferAllocator alloc, Schema schema, Map<String, Object[]> columns) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(schema, alloc);
        root.allocateNew();
        int rows = 0;
        for (Field field : schema.getFields()) {
            final Object[] values = columns.get(field.getName());
            ArrowFixtures.fill(root.getVector(field.getName()), values);
            rows = values.length;
        }
        root.setRowCount(rows);
        return root;
    }
}
