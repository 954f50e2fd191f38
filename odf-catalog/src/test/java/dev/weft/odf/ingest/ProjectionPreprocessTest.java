package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.data.SliceReader;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.Transform;
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

class ProjectionPreprocessTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Workspace workspace;

    @BeforeEach
    void createWorkspace() {
        workspace = Workspace.init(dir);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void aSelectListReadsColumnsRenamesAndStringConstants() {
        final ProjectionPreprocess projection = parse("""
                select
                  Day as event_time,
                  "Ticker Name" AS ticker,
                  price,
                  'it''s USD' as currency
                from input;
                """);
        assertThat(projection.outputs()).containsExactly(
                new ProjectionPreprocess.InputColumn("event_time", "Day"),
                new ProjectionPreprocess.InputColumn("ticker", "Ticker Name"),
                new ProjectionPreprocess.InputColumn("price", "price"),
                new ProjectionPreprocess.Constant("currency", "it's USD"));
        assertThat(parse("SELECT * FROM input")).as("a query that changes nothing needs no step").isNull();
    }

    @Test
    void queriesThatComputeAreRefusedNamingTheItem() {
        assertRefused("SELECT to_timestamp(Day) AS event_time, price FROM input",
                "'to_timestamp(Day) AS event_time' is neither a column, a renamed column (column AS name) nor a "
                        + "string constant with a name ('text' AS name)");
        assertRefused("SELECT price FROM input WHERE price > 0", "it is not of the form SELECT … FROM input");
        assertRefused("SELECT price, qty AS price FROM input", "it names the result column 'price' twice");
        assertThatThrownBy(() -> ProjectionPreprocess.of("Cannot add dataset 'p': its polling source",
                new Transform.Sql("datafusion", null, null,
                        List.of(new dev.weft.odf.model.SqlQueryStep(null, "SELECT 1")), null)))
                .hasMessageStartingWith("Cannot add dataset 'p': its polling source has a preprocess.queries and "
                        + "preprocess.temporalTables Weft cannot run");
    }

    @Test
    void ingestRunsTheProjectionWithTheEventTimeTakenFromARenamedColumn() throws IOException {
        // The file's header names differ from the declared schema ("Close Price"): with a schema, columns are
        // matched by position, as kamu reads them.
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: quotes
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: default
                      read:
                        kind: Csv
                        header: true
                        schema:
                          fields:
                            - {name: Day, type: timestamp}
                            - {name: Ticker, type: string}
                            - {name: ClosePrice, type: float64}
                            - {name: Ignored, type: string}
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        query: |
                          SELECT Day as event_time, Ticker as ticker, ClosePrice as close, 'USD' as currency
                          FROM input
                      merge:
                        kind: Ledger
                        primaryKey: [event_time, ticker]
                """);
        final Path csv = Files.writeString(dir.resolve("q.csv"),
                "Day,Ticker,Close Price,Ignored\n2026-01-02,ABC,10.5,x\n2026-01-02,XYZ,7.25,y\n");
        final IngestResult result = new PushIngester(workspace, Clock.fixed(T1, ZoneOffset.UTC))
                .ingest(DatasetName.of("quotes"), List.of(csv), PushIngester.Options.DEFAULT);

        assertThat(result.records()).isEqualTo(2);
        final SetDataSchema schema = blocks("quotes").stream().map(MetadataBlock::event)
                .filter(SetDataSchema.class::isInstance).map(SetDataSchema.class::cast).findFirst().orElseThrow();
        assertThat(schema.schema().fields()).extracting(DataField::name)
                .containsExactly("offset", "op", "system_time", "event_time", "ticker", "close", "currency");
        final long jan2 = Instant.parse("2026-01-02T00:00:00Z").toEpochMilli();
        assertThat(rows(slice("quotes"))).containsExactly(
                "0|0|" + T1.toEpochMilli() + "|" + jan2 + "|ABC|10.5|USD",
                "1|0|" + T1.toEpochMilli() + "|" + jan2 + "|XYZ|7.25|USD");
    }

    @Test
    void aColumnTheInputLacksFailsTheIngestNamingIt() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: lacking
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: default
                      read: {kind: Csv, header: true, schema: ["at TIMESTAMP", "a BIGINT"]}
                      preprocess: {kind: Sql, engine: datafusion, query: "SELECT at AS event_time, b FROM input"}
                      merge: {kind: Append}
                """);
        final Path csv = Files.writeString(dir.resolve("l.csv"), "at,a\n2026-01-01,1\n");
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.fixed(T1, ZoneOffset.UTC))
                .ingest(DatasetName.of("lacking"), List.of(csv), PushIngester.Options.DEFAULT))
                .isInstanceOf(WeftException.class)
                .hasMessage("Cannot run the preprocess.query of dataset 'lacking': the input has no column 'b'; its "
                        + "columns are [a]");
        assertThat(blocks("lacking").get(0).event()).isNotInstanceOf(AddData.class);
    }

    private static ProjectionPreprocess parse(String query) {
        return ProjectionPreprocess.of("Cannot add dataset 'p': its polling source",
                new Transform.Sql("datafusion", null, query, null, null));
    }

    private static void assertRefused(String query, String why) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOf(WeftException.class)
                .hasMessageStartingWith("Cannot add dataset 'p': its polling source has a preprocess.query Weft "
                        + "cannot run: " + why)
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
    }

    private void add(String manifest) {
        new SnapshotInstaller(workspace, Clock.fixed(T1, ZoneOffset.UTC))
                .install(List.of(ManifestParser.parse(manifest, "m.yaml")));
    }

    private List<MetadataBlock> blocks(String dataset) {
        try (Stream<ChainBlock> blocks = new StoreMetadataChain(workspace.dataset(DatasetName.of(dataset))).blocks()) {
            return blocks.map(ChainBlock::block).toList();
        }
    }

    private Path slice(String dataset) {
        final AddData latest = (AddData) blocks(dataset).get(0).event();
        return workspace.dataset(DatasetName.of(dataset)).path(FileKind.DATA, latest.newData().physicalHash());
    }

    private static List<String> rows(Path slice) {
        final List<String> out = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator(); SliceReader reader = SliceReader.open(slice, allocator)) {
            while (reader.loadNextBatch()) {
                final VectorSchemaRoot batch = reader.root();
                for (int row = 0; row < batch.getRowCount(); row++) {
                    final List<String> cells = new ArrayList<>();
                    for (FieldVector vector : batch.getFieldVectors()) {
                        final Object value = vector.getObject(row);
                        cells.add(value instanceof java.time.LocalDateTime t
                                ? Long.toString(t.toInstant(ZoneOffset.UTC).toEpochMilli())
                                : String.valueOf(value));
                    }
                    out.add(String.join("|", cells));
                }
            }
        }
        return out;
    }
}
