package dev.weft.odf.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.testing.SharedReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Parquet files in {@code shared/odf-reference/data/parquet} (TEST_VECTORS.md §6): physical hashes, reading, and
 * logical hashes equal to what arrow-digest 57 computes over arrow-rs's reading of the same files.
 */
class SharedParquetFixturesTest {
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "datafusion-issue-14281/data.parquet, f16200cff974872e173a2515e053556b4652513be3773c2fc3e727b2d145a94e58167, 3,"
                + " f9680c00120d41a130843f2277a47d1222dd3aac268995fe14066b94abd4277bbf8ad67fe7f",
        "datafusion-issue-14281/schema.parquet, f1620e84a5fa511cbcdfd2cc027fcd3730748ba69914ca56cc4f9d3c5ffe01d501ef5,"
                + " 0, f9680c001205594246fed53ae056b6a17fbf1e3a5c9b4b7a2cb8cd52ed5dedfe7ab3ccd6cbb",
        "datafusion-issue-6463/alberta.parquet, f1620be2127e1c884afe64c840c91e6999f97a61dacb35848518a7eaa816a186d335d,"
                + " -1, f9680c00120e0a9522ee7b3ef5b0853349b2b7ad7484e3afe1e824a94751b4af8a7b20e8c96",
        "datafusion-issue-6463/british-columbia.parquet,"
                + " f16209dedf507399f3239d25b9e1cf19d52cd4c657598322d2a529a957ba1982274ef, -1,"
                + " f9680c0012054a9ad9df2b7a260636ceed20939397cf1978484ae602a708d6533d3be51af3e",
        "arrow-issue-4308/data.parquet, f1620259cda5e06bfea31464ae48f12356521a01bdeaac146daa319c320ba1fed338f, -1,"
                + " f9680c001209221772fc1b2f597a19fbb988b48f124373c2fe08fa70c8b00ec988c75ba174c",
    })
    void readsFixtureWithExpectedPhysicalAndLogicalHash(String name, String physical, long rows, String logical)
            throws IOException {
        final Path file = SharedReference.odf().resolve("data/parquet").resolve(name);
        assertThat(Multihash.sha3(file).toMultibase()).isEqualTo(physical);
        for (int batchRows : new int[] {3, SliceReader.DEFAULT_BATCH_ROWS}) {
            try (SliceReader reader = SliceReader.open(file, allocator, batchRows)) {
                final LogicalHash hash = new LogicalHash(reader.schema());
                long read = 0;
                while (reader.loadNextBatch()) {
                    assertThat(reader.root().getRowCount()).isLessThanOrEqualTo(batchRows);
                    hash.update(reader.root());
                    read += reader.root().getRowCount();
                }
                assertThat(read).isEqualTo(reader.rowCount());
                if (rows >= 0) {
                    assertThat(read).isEqualTo(rows);
                }
                assertThat(hash.finish().toMultibase()).as("logical hash read in batches of %d", batchRows)
                        .isEqualTo(logical);
            }
        }
    }

    @Test
    void kamuSliceComesBackWithItsEmbeddedArrowSchemaAndValues() {
        final Path file = SharedReference.odf().resolve("data/parquet/datafusion-issue-14281/data.parquet");
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            final Schema schema = reader.schema();
            assertThat(schema.getFields().subList(0, 4)).isEqualTo(SliceSchema.SYSTEM_COLUMNS);
            assertThat(schema.findField("city").getType()).isEqualTo(ArrowType.Utf8View.INSTANCE);
            assertThat(schema.findField("population").getType()).isEqualTo(new ArrowType.Int(32, true));
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(reader.root().contentToTSVString()).isEqualTo("""
                    offset\top\tsystem_time\tevent_time\tcity\tpopulation
                    0\t0\t2524651200000\t2524651200000\tA\t10
                    1\t0\t2524651200000\t2524651200000\tB\t20
                    2\t0\t2524651200000\t2524651200000\tC\t30
                    """);
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void embeddedArrowSchemaIsBase64OfAnIpcMessageWithContinuationMarker() {
        final Path file = SharedReference.odf().resolve("data/parquet/datafusion-issue-14281/data.parquet");
        try (SliceReader reader = SliceReader.open(file, allocator)) {
            final String value = reader.keyValueMetadata().get("ARROW:schema");
            final byte[] bytes = Base64.getDecoder().decode(value);
            assertThat(bytes).startsWith(0xFF, 0xFF, 0xFF, 0xFF);
            final String ours = ParquetSchemas.encodeArrowSchema(reader.schema());
            assertThat(Base64.getDecoder().decode(ours)).startsWith(0xFF, 0xFF, 0xFF, 0xFF);
            assertThat(ParquetSchemas.decodeArrowSchema(ours, "test")).isEqualTo(reader.schema());
        }
    }
}
