package dev.weft.odf.data;

import static dev.weft.odf.data.ArrowFixtures.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.NullableStructWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter.ListWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceWriterTest {
    private static final long SYSTEM_TIME = 2_524_651_200_000L;

    @TempDir
    Path dir;

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
    void roundTripsEveryTypeWithNullsAcrossBatches() {
        final Path file = dir.resolve("slice.parquet");
        final Schema schema = SliceSchema.withDataColumns(ArrowFixtures.allTypesSchema().getFields());
        final List<List<String>> written = new ArrayList<>();
        final SliceFile result;
        try (SliceWriter writer = SliceWriter.create(file, schema)) {
            for (int batch = 0; batch < 3; batch++) {
                try (VectorSchemaRoot root = allTypesSlice(schema, batch * 4L)) {
                    writer.write(root);
                    written.addAll(rows(root));
                }
            }
            result = writer.finish();
        }
        assertThat(result.rowCount()).isEqualTo(12);
        // arrow-digest 57 over arrow-rs 57 reading this very file (src/test/rust/arrow-digest-vectors, hashfile).
        assertThat(result.logicalHash().toMultibase())
                .isEqualTo("f9680c00120653e806faa25b2604a230347cf6b035de8f83e8e903043ad0d178cbe1cef3bff");
        try (SliceReader reader = SliceReader.open(file, allocator, 5)) {
            assertThat(reader.schema()).isEqualTo(schema);
            final List<List<String>> read = new ArrayList<>();
            final LogicalHash hash = new LogicalHash(reader.schema());
            while (reader.loadNextBatch()) {
                assertThat(reader.root().getRowCount()).isLessThanOrEqualTo(5);
                read.addAll(rows(reader.root()));
                hash.update(reader.root());
            }
            assertThat(read).isEqualTo(written);
            assertThat(hash.finish()).isEqualTo(result.logicalHash());
        }
    }

    @Test
    void roundTripsStructColumnsAndHashesThemAsTheFileReadsBack() {
        final Path file = dir.resolve("struct.parquet");
        final Schema schema;
        final List<List<String>> written;
        final SliceFile result;
        try (VectorSchemaRoot structs = ArrowFixtures.structBatch(allocator, true)) {
            schema = SliceSchema.withDataColumns(structs.getSchema().getFields());
            try (SliceWriter writer = SliceWriter.create(file, schema);
                    VectorSchemaRoot root = slice(schema, 0, Map.of("id", new Object[] {10L, 20L, 30L, 40L}))) {
                final FieldVector st = root.getVector("st");
                structs.getVector("st").makeTransferPair(st).transfer();
                root.setRowCount(4);
                writer.write(root);
                written = rows(root);
                result = writer.finish();
            }
        }
        // arrow-digest 57 over arrow-rs 57 reading this very file (src/test/rust/arrow-digest-vectors, hashfile).
        assertThat(result.logicalHash().toMultibase())
                .isEqualTo("f9680c00120d68768d887d3f9bcb1c8e390f1aa9625adfcc7a1795673e0fc20b9fecc92fa44");
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            assertThat(reader.schema()).isEqualTo(schema);
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(rows(reader.root())).isEqualTo(written);
            assertThat(LogicalHash.of(schema, List.of(reader.root()))).isEqualTo(result.logicalHash());
        }
    }

    @Test
    void decimalsTakeTheSmallestParquetTypeOfTheirPrecisionAndReadBackExactly() throws IOException {
        final Path file = dir.resolve("decimals.parquet");
        final Schema schema = SliceSchema.withDataColumns(List.of(
                nullable("p5", new ArrowType.Decimal(5, 2, 128)),
                nullable("p18", new ArrowType.Decimal(18, 0, 128)),
                nullable("p19", new ArrowType.Decimal(19, 4, 128)),
                nullable("p38", new ArrowType.Decimal(38, 10, 128)),
                nullable("p50", new ArrowType.Decimal(50, 3, 256))));
        final Map<String, Object[]> values = Map.of(
                "p5", new Object[] {new BigDecimal("999.99"), new BigDecimal("-999.99"), null, BigDecimal.ZERO
                        .setScale(2)},
                "p18", new Object[] {new BigDecimal("999999999999999999"), new BigDecimal("-999999999999999999"),
                        new BigDecimal("-1"), null},
                "p19", new Object[] {new BigDecimal("999999999999999.9999"), null,
                        new BigDecimal("-999999999999999.9999"), new BigDecimal("0.0001")},
                "p38", new Object[] {null, new BigDecimal("9999999999999999999999999999.9999999999"),
                        new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("-0.0000000001")},
                "p50", new Object[] {new BigDecimal("-" + "9".repeat(47) + ".999"), new BigDecimal("1.000"), null,
                        new BigDecimal("9".repeat(47) + ".999")});
        final List<List<String>> written;
        final SliceFile result;
        try (SliceWriter writer = SliceWriter.create(file, schema);
                VectorSchemaRoot root = slice(schema, 0, values)) {
            writer.write(root);
            written = rows(root);
            result = writer.finish();
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            final MessageType parquet = reader.getFileMetaData().getSchema();
            assertThat(parquet.getType("p5").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
            assertThat(parquet.getType("p18").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.INT64);
            for (String column : List.of("p19", "p38", "p50")) {
                assertThat(parquet.getType(column).asPrimitiveType().getPrimitiveTypeName())
                        .isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
            }
            // The fewest bytes that hold the precision, as the Parquet spec and arrow-rs size them.
            assertThat(parquet.getType("p19").asPrimitiveType().getTypeLength()).isEqualTo(9);
            assertThat(parquet.getType("p38").asPrimitiveType().getTypeLength()).isEqualTo(16);
            assertThat(parquet.getType("p50").asPrimitiveType().getTypeLength()).isEqualTo(21);
        }
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(rows(reader.root())).isEqualTo(written);
            assertThat(LogicalHash.of(schema, List.of(reader.root()))).isEqualTo(result.logicalHash());
        }
    }

    @Test
    void listsInsideStructsRoundTripWithTheNullsOfEachLevel() {
        final Path file = dir.resolve("nested.parquet");
        final Field shape = new Field("shape", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(new Field("sizes", FieldType.nullable(ArrowType.List.INSTANCE),
                                List.of(nullable("element", new ArrowType.Int(32, true)))),
                        nullable("corners", new ArrowType.Int(32, true))));
        final Schema schema = SliceSchema.withDataColumns(List.of(shape));
        final List<List<String>> written;
        final SliceFile result;
        try (SliceWriter writer = SliceWriter.create(file, schema);
                VectorSchemaRoot root = slice(schema, 0, 5, Map.of())) {
            final NullableStructWriter shapes = ((StructVector) root.getVector("shape")).getWriter();
            // Sizes [4, null, 6] with 3 corners; a null shape; null sizes; empty sizes; sizes [7] with null corners.
            shapes.setPosition(0);
            shapes.start();
            final ListWriter sizes = shapes.list("sizes");
            sizes.startList();
            sizes.integer().writeInt(4);
            sizes.integer().writeNull();
            sizes.integer().writeInt(6);
            sizes.endList();
            shapes.integer("corners").writeInt(3);
            shapes.end();
            shapes.setPosition(1);
            shapes.writeNull();
            shapes.setPosition(2);
            shapes.start();
            shapes.integer("corners").writeInt(0);
            shapes.end();
            shapes.setPosition(3);
            shapes.start();
            shapes.list("sizes").startList();
            shapes.list("sizes").endList();
            shapes.integer("corners").writeInt(1);
            shapes.end();
            shapes.setPosition(4);
            shapes.start();
            shapes.list("sizes").startList();
            shapes.list("sizes").integer().writeInt(7);
            shapes.list("sizes").endList();
            shapes.end();
            shapes.setValueCount(5);
            root.setRowCount(5);
            writer.write(root);
            written = rows(root);
            result = writer.finish();
        }
        assertThat(written).extracting(row -> row.get(4)).containsExactly(
                "shape={\"sizes\":[4,null,6],\"corners\":3}", "shape=null", "shape={\"corners\":0}",
                "shape={\"sizes\":[],\"corners\":1}", "shape={\"sizes\":[7]}");
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(rows(reader.root())).isEqualTo(written);
            assertThat(LogicalHash.of(schema, List.of(reader.root()))).isEqualTo(result.logicalHash());
        }
    }

    @Test
    void returnsSizeAndHashesOfTheWrittenFile() throws IOException {
        final Path file = dir.resolve("slice.parquet");
        final SliceFile result = writeCities(file, "A", "B", "C");
        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(result.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(result.physicalHash()).isEqualTo(Multihash.sha3(file));
        assertThat(result.logicalHash().code()).isEqualTo(Multihash.ARROW0_SHA3_256);
    }

    @Test
    void sameRowsGiveTheSameLogicalHashAndOneChangedValueChangesIt() {
        final SliceFile first = writeCities(dir.resolve("a.parquet"), "A", "B", "C");
        final SliceFile again = writeCities(dir.resolve("b.parquet"), "A", "B", "C");
        final SliceFile changed = writeCities(dir.resolve("c.parquet"), "A", "B", "D");
        assertThat(again.logicalHash()).isEqualTo(first.logicalHash());
        assertThat(changed.logicalHash()).isNotEqualTo(first.logicalHash());
    }

    @Test
    void logicalHashOfAKamuShapedSliceMatchesTheOneDataFusionWrote() {
        // Same rows as shared datafusion-issue-14281/data.parquet, written by us with Utf8 instead of Utf8View.
        final SliceFile ours = writeCities(dir.resolve("slice.parquet"), "A", "B", "C");
        assertThat(ours.logicalHash().toMultibase())
                .isEqualTo("f9680c00120d41a130843f2277a47d1222dd3aac268995fe14066b94abd4277bbf8ad67fe7f");
    }

    @Test
    void footerReadByParquetJavaHasSystemColumnsSnappyAndArrowSchema() throws IOException {
        final Path file = dir.resolve("slice.parquet");
        writeCities(file, "A", "B", "C");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            final MessageType schema = reader.getFileMetaData().getSchema();
            assertThat(schema.getFields()).extracting(Type::getName)
                    .containsExactly("offset", "op", "system_time", "event_time", "city", "population");
            assertPrimitive(schema.getType("offset"), PrimitiveTypeName.INT64, null);
            assertPrimitive(schema.getType("op"), PrimitiveTypeName.INT32, null);
            final LogicalTypeAnnotation utcMillis = LogicalTypeAnnotation.timestampType(true,
                    LogicalTypeAnnotation.TimeUnit.MILLIS);
            assertPrimitive(schema.getType("system_time"), PrimitiveTypeName.INT64, utcMillis);
            assertPrimitive(schema.getType("event_time"), PrimitiveTypeName.INT64, utcMillis);
            assertThat(schema.getType("city").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.stringType());
            assertThat(schema.getType("city").getRepetition()).isEqualTo(Type.Repetition.OPTIONAL);
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertThat(column.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
                }
            }
            final String arrowSchema = reader.getFileMetaData().getKeyValueMetaData().get("ARROW:schema");
            assertThat(ParquetSchemas.decodeArrowSchema(arrowSchema, file.toString())).isEqualTo(citySchema());
        }
    }

    @Test
    void flushesRowGroupsAsItGoesAndReadsThemBackInBoundedBatches() throws IOException {
        final Path file = dir.resolve("big.parquet");
        final Schema schema = citySchema();
        final int batches = 20;
        final int rowsPerBatch = 5_000;
        try (SliceWriter writer = SliceWriter.create(file, schema, 64 * 1024)) {
            for (int b = 0; b < batches; b++) {
                final Object[] cities = new Object[rowsPerBatch];
                final Object[] population = new Object[rowsPerBatch];
                for (int i = 0; i < rowsPerBatch; i++) {
                    cities[i] = "city-" + (b * rowsPerBatch + i);
                    population[i] = i % 7 == 0 ? null : (long) i;
                }
                try (VectorSchemaRoot root = slice(schema, (long) b * rowsPerBatch,
                        Map.of("city", cities, "population", population))) {
                    writer.write(root);
                }
            }
            assertThat(writer.finish().rowCount()).isEqualTo((long) batches * rowsPerBatch);
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            assertThat(footer.getFooter().getBlocks()).hasSizeGreaterThan(1);
        }
        try (SliceReader reader = SliceReader.open(file, allocator, 3_000)) {
            long offset = 0;
            while (reader.loadNextBatch()) {
                final VectorSchemaRoot root = reader.root();
                assertThat(root.getRowCount()).isLessThanOrEqualTo(3_000);
                for (int i = 0; i < root.getRowCount(); i++) {
                    assertThat(root.getVector("offset").getObject(i)).isEqualTo(offset);
                    assertThat(root.getVector("city").getObject(i).toString()).isEqualTo("city-" + offset);
                    offset++;
                }
            }
            assertThat(offset).isEqualTo((long) batches * rowsPerBatch);
        }
    }

    @Test
    void rejectsSchemaWithoutSystemColumnsInOrder() {
        final Schema wrongOrder = new Schema(List.of(SliceSchema.OP, SliceSchema.OFFSET, SliceSchema.SYSTEM_TIME,
                SliceSchema.EVENT_TIME));
        assertThatThrownBy(() -> SliceWriter.create(dir.resolve("x.parquet"), wrongOrder))
                .isInstanceOfSatisfying(WeftException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("column 0 must be 'offset'");
        final Schema nullableOffset = new Schema(List.of(nullable("offset", new ArrowType.Int(64, true)),
                SliceSchema.OP, SliceSchema.SYSTEM_TIME, SliceSchema.EVENT_TIME));
        assertThatThrownBy(() -> SliceSchema.requireSliceSchema(nullableOffset))
                .hasMessageContaining("nullable");
        assertThatThrownBy(() -> SliceSchema.withDataColumns(List.of(nullable("op", ArrowType.Utf8.INSTANCE))))
                .hasMessageContaining("reuses the system column name 'op'");
    }

    @Test
    void sliceWithoutRowsIsReadableAndHashesItsSchemaOnly() {
        final Path file = dir.resolve("empty.parquet");
        final SliceFile result;
        try (SliceWriter writer = SliceWriter.create(file, citySchema())) {
            result = writer.finish();
        }
        assertThat(result.rowCount()).isZero();
        assertThat(result.logicalHash()).isEqualTo(new LogicalHash(citySchema()).finish());
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            assertThat(reader.schema()).isEqualTo(citySchema());
            assertThat(reader.loadNextBatch()).isFalse();
            assertThat(reader.root().getRowCount()).isZero();
        }
    }

    @Test
    void rejectsColumnTypesSlicesCannotHold() {
        final Schema schema = SliceSchema.withDataColumns(List.of(nullable("took",
                new ArrowType.Duration(org.apache.arrow.vector.types.TimeUnit.SECOND))));
        assertThatThrownBy(() -> SliceWriter.create(dir.resolve("x.parquet"), schema))
                .isInstanceOfSatisfying(WeftException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("'took'");
    }

    @Test
    void readingSomethingThatIsNotParquetFailsWithTheFileName() throws IOException {
        final Path file = Files.writeString(dir.resolve("not.parquet"), "hello");
        assertThatThrownBy(() -> SliceReader.open(file, allocator)).isInstanceOf(WeftException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsBatchOfAnotherSchema() {
        final Schema schema = citySchema();
        final Schema other = SliceSchema.withDataColumns(List.of(nullable("town", ArrowType.Utf8.INSTANCE)));
        try (SliceWriter writer = SliceWriter.create(dir.resolve("x.parquet"), schema);
                VectorSchemaRoot root = slice(other, 0, Map.of("town", new Object[] {"A"}))) {
            assertThatThrownBy(() -> writer.write(root)).isInstanceOf(WeftException.class)
                    .hasMessageContaining("differs from the slice schema");
        }
    }

    private static Schema citySchema() {
        return SliceSchema.withDataColumns(List.of(nullable("city", ArrowType.Utf8.INSTANCE),
                nullable("population", new ArrowType.Int(32, true))));
    }

    private SliceFile writeCities(Path file, String... cities) {
        final Schema schema = citySchema();
        final Object[] population = new Object[cities.length];
        for (int i = 0; i < cities.length; i++) {
            population[i] = 10L * (i + 1);
        }
        try (SliceWriter writer = SliceWriter.create(file, schema);
                VectorSchemaRoot root = slice(schema, 0, Map.of("city", cities, "population", population))) {
            writer.write(root);
            return writer.finish();
        }
    }

    /** A batch of the slice schema with offsets from {@code firstOffset} and the given data columns. */
    private VectorSchemaRoot slice(Schema schema, long firstOffset, Map<String, Object[]> data) {
        return slice(schema, firstOffset, data.values().iterator().next().length, data);
    }

    /** As {@link #slice(Schema, long, Map)} for {@code rows} rows, leaving columns without data for the caller. */
    private VectorSchemaRoot slice(Schema schema, long firstOffset, int rows, Map<String, Object[]> data) {
        final Object[] offsets = new Object[rows];
        final Object[] ops = new Object[rows];
        final Object[] times = new Object[rows];
        for (int i = 0; i < rows; i++) {
            offsets[i] = firstOffset + i;
            ops[i] = 0L;
            times[i] = SYSTEM_TIME;
        }
        final VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        ArrowFixtures.fill(root.getVector("offset"), offsets);
        ArrowFixtures.fill(root.getVector("op"), ops);
        ArrowFixtures.fill(root.getVector("system_time"), times);
        ArrowFixtures.fill(root.getVector("event_time"), times);
        for (Map.Entry<String, Object[]> column : data.entrySet()) {
            ArrowFixtures.fill(root.getVector(column.getKey()), column.getValue());
        }
        root.setRowCount(rows);
        return root;
    }

    private VectorSchemaRoot allTypesSlice(Schema schema, long firstOffset) {
        final Map<String, Object[]> data = new java.util.HashMap<>();
        for (Field field : ArrowFixtures.allTypesSchema().getFields()) {
            data.put(field.getName(), ArrowFixtures.ALL_TYPES_VALUES.get(field.getName()));
        }
        return slice(schema, firstOffset, data);
    }

    /** Each row as the display strings of its cells, byte arrays in hex, so rows compare by value. */
    private static List<List<String>> rows(VectorSchemaRoot root) {
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < root.getRowCount(); i++) {
            final List<String> row = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                final Object value = vector.getObject(i);
                row.add(vector.getName() + "=" + (value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                        : String.valueOf(value)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void assertPrimitive(Type type, PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
        assertThat(type.isPrimitive()).isTrue();
        assertThat(type.asPrimitiveType().getPrimitiveTypeName()).isEqualTo(physical);
        assertThat(type.getLogicalTypeAnnotation()).isEqualTo(logical);
        assertThat(type.getRepetition()).isEqualTo(Type.Repetition.REQUIRED);
    }
}
