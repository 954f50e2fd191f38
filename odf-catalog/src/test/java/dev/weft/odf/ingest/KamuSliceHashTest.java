package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.data.SliceReader;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducible slices: the README's census example ingested at pinned system times gives slices with the logical
 * hashes kamu-cli 0.265.0 computes for the same ingests (Snapshot merge on city, census_date as a date event time,
 * system times 2050-01-01 and 2050-01-02): same records, order, types (date32 event time) and values.
 */
class KamuSliceHashTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final DatasetName CITIES = DatasetName.of("cities.population");
    private static final Instant FIRST = Instant.parse("2050-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2050-01-02T00:00:00Z");

    @TempDir
    Path dir;

    private Workspace workspace;

    @BeforeEach
    void addTheCensusDataset() throws IOException {
        workspace = Workspace.init(dir);
        new SnapshotInstaller(workspace, Clock.fixed(FIRST, ZoneOffset.UTC)).install(List.of(ManifestParser.parse(
                Files.readString(EXAMPLES.resolve("cities.population.yaml")), "cities.population.yaml")));
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    /** Rows as offset|op|system_time (epoch ms: 2050-01-01 and -02)|census_date|city|population. */
    @Test
    void bothCensusSlicesHaveKamusLogicalHashes() {
        ingest("cities-2020.csv", FIRST);
        ingest("cities-2021.csv", SECOND);
        final List<DataSlice> slices = slices();
        assertThat(slices).hasSize(2);

        assertThat(slices.get(0).logicalHash()).isEqualTo(Multihash.parse(
                "f9680c00120610b318f5b978bc5bc194b57f8a04afa35fe9e2dd6f7317f8d9fc4a917b951c0"));
        assertThat(rows(slices.get(0))).containsExactly(
                "0|0|2524608000000|2020-01-01|Montreal|1762949",
                "1|0|2524608000000|2020-01-01|Toronto|2794356",
                "2|0|2524608000000|2020-01-01|Vancouver|675218");

        assertThat(slices.get(1).logicalHash()).isEqualTo(Multihash.parse(
                "f9680c0012094b633d8f5f15bccbfb21e51d307bc9c08c141eaf2640c928a2d27a557e7e829"));
        assertThat(rows(slices.get(1))).containsExactly(
                "3|0|2524694400000|2021-01-01|Calgary|1306784",
                "4|1|2524694400000|2020-01-01|Montreal|1762949",
                "5|2|2524694400000|2020-01-01|Toronto|2794356",
                "6|3|2524694400000|2021-01-01|Toronto|2794356",
                "7|2|2524694400000|2020-01-01|Vancouver|675218",
                "8|3|2524694400000|2021-01-01|Vancouver|662248");
    }

    @Test
    void declaredColumnsAreStoredNotNullWithTheEventTimeAsADate() {
        ingest("cities-2020.csv", FIRST);
        try (RootAllocator allocator = new RootAllocator();
                SliceReader reader = SliceReader.open(file(slices().get(0)), allocator)) {
            assertThat(reader.schema().getFields()).extracting(f -> f.getName() + " " + f.getType()
                    + (f.isNullable() ? " null" : " not null")).containsExactly(
                            "offset Int(64, true) not null", "op Int(32, true) not null",
                            "system_time Timestamp(MILLISECOND, UTC) not null", "census_date Date(DAY) not null",
                            "city Utf8 not null", "population Int(64, true) not null");
        }
    }

    @Test
    void aMissingValueOfANonNullableColumnIsRefused() throws IOException {
        final Path missing = Files.writeString(dir.resolve("missing.csv"),
                "census_date,city,population\n2022-01-01,Ottawa,\n");
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.fixed(FIRST, ZoneOffset.UTC))
                .ingest(CITIES, List.of(missing), PushIngester.Options.DEFAULT))
                .isInstanceOf(WeftException.class)
                .hasMessage(missing + ":2:19: Column 'population' is declared as non-nullable but contains null "
                        + "values");
        final Path noCity = Files.writeString(dir.resolve("no-city.csv"),
                "census_date,city,population\n2022-01-01,,1\n");
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.fixed(FIRST, ZoneOffset.UTC))
                .ingest(CITIES, List.of(noCity), PushIngester.Options.DEFAULT))
                .isInstanceOf(WeftException.class)
                .hasMessageContaining("Column 'city' is declared as non-nullable but contains null values");
        assertThat(slices()).isEmpty();
    }

    private void ingest(String file, Instant systemTime) {
        new PushIngester(workspace, Clock.fixed(systemTime, ZoneOffset.UTC)).ingest(CITIES,
                List.of(EXAMPLES.resolve("data").resolve(file)), PushIngester.Options.DEFAULT);
    }

    private List<DataSlice> slices() {
        final List<DataSlice> slices = new ArrayList<>();
        try (Stream<ChainBlock> blocks = new StoreMetadataChain(workspace.dataset(CITIES)).blocks()) {
            blocks.forEach(block -> {
                if (block.block().event() instanceof AddData add && add.newData() != null) {
                    slices.add(0, add.newData());
                }
            });
        }
        return slices;
    }

    private Path file(DataSlice slice) {
        return workspace.dataset(CITIES).path(FileKind.DATA, slice.physicalHash());
    }

    private List<String> rows(DataSlice slice) {
        final List<String> out = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator(); SliceReader reader = SliceReader.open(file(slice), allocator)) {
            while (reader.loadNextBatch()) {
                final VectorSchemaRoot batch = reader.root();
                for (int row = 0; row < batch.getRowCount(); row++) {
                    final List<String> cells = new ArrayList<>();
                    for (FieldVector vector : batch.getFieldVectors()) {
                        final Object value = vector.getObject(row);
                        cells.add(vector.getField().getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date
                                ? java.time.LocalDate.ofEpochDay((Integer) value).toString() : String.valueOf(value));
                    }
                    out.add(String.join("|", cells));
                }
            }
        }
        return out;
    }
}
