package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.ChainValidator;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.data.SliceReader;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
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

class PushIngesterTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");

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
    void appendIngestsWriteContiguousSlicesAndValidBlocks() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: sensors
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: upload
                      read:
                        kind: Csv
                        header: true
                        schema: ["event_time TIMESTAMP", "sensor STRING", "value DOUBLE", "price DECIMAL(6,2)", "day DATE"]
                      merge:
                        kind: Append
                """);
        final IngestResult first = ingest("sensors", csv("a.csv", """
                event_time,sensor,value,price,day
                2026-01-01T10:00:00Z,s1,1.5,10.25,2026-01-01
                2026-01-01 11:00:00,s2,,3,2026-01-02
                "2026-01-01T12:00:00+02:00","s,3",-2e3,0.10,
                """));
        assertThat(first.records()).isEqualTo(3);
        assertThat(first.offsets()).isEqualTo(new dev.weft.odf.model.OffsetInterval(0, 2));
        final IngestResult second = ingest("sensors", csv("b.csv", "event_time,sensor,value,price,day\n"
                + "2026-01-02T00:00:00Z,s1,2,1,2026-01-03\n"));
        assertThat(second.offsets()).isEqualTo(new dev.weft.odf.model.OffsetInterval(3, 3));

        final List<MetadataBlock> blocks = blocks("sensors");
        assertThat(blocks).extracting(b -> b.event().kind())
                .containsExactly("AddData", "AddData", "SetDataSchema", "AddPushSource", "Seed");
        final AddData latest = (AddData) blocks.get(0).event();
        assertThat(latest.prevOffset()).isEqualTo(2L);
        assertThat(latest.newWatermark()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(((AddData) blocks.get(1).event()).newWatermark()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
        assertThat(((SetDataSchema) blocks.get(2).event()).schema().fields()).extracting(f -> f.name())
                .containsExactly("offset", "op", "system_time", "event_time", "sensor", "value", "price", "day");
        assertThat(new ChainValidator(workspace.dataset(DatasetName.of("sensors"))).validate().violations()).isEmpty();
        final Path slice = workspace.dataset(DatasetName.of("sensors"))
                .path(FileKind.DATA, ((AddData) blocks.get(1).event()).newData().physicalHash());
        assertThat(Multihash.sha3(slice)).isEqualTo(((AddData) blocks.get(1).event()).newData().physicalHash());
        assertThat(rows(slice)).containsExactly(
                "0|0|1767225600000|1767261600000|s1|1.5|10.25|2026-01-01",
                "1|0|1767225600000|1767265200000|s2|null|3.00|2026-01-02",
                "2|0|1767225600000|1767261600000|s,3|-2000.0|0.10|null");
    }

    @Test
    void snapshotMergeEmitsAppendsCorrectionsAndRetractionsSortedByKeyThenOp() throws IOException {
        add(Files.readString(Path.of("..", "examples", "cities.population.yaml")));
        ingest("cities.population", csv("y1.csv", """
                census_date,city,population
                2020-01-01,Vancouver,675000
                2020-01-01,Toronto,2930000
                """));
        final IngestResult second = ingest("cities.population", csv("y2.csv", """
                census_date,city,population
                2021-01-01,Vancouver,690000
                2021-01-01,Calgary,1300000
                """));
        assertThat(second.offsets()).isEqualTo(new dev.weft.odf.model.OffsetInterval(2, 5));
        final AddData add = (AddData) blocks("cities.population").get(0).event();
        final Path slice = workspace.dataset(DatasetName.of("cities.population"))
                .path(FileKind.DATA, add.newData().physicalHash());
        assertThat(rows(slice)).extracting(r -> r.substring(r.indexOf('|') + 1).replaceFirst("\\|\\d+\\|", "|"))
                .containsExactly(
                        "0|2021-01-01|Calgary|1300000",
                        "1|2020-01-01|Toronto|2930000",
                        "2|2020-01-01|Vancouver|675000",
                        "3|2021-01-01|Vancouver|690000");

        final IngestResult again = ingest("cities.population", csv("y2-again.csv", """
                census_date,city,population
                2021-01-01,Vancouver,690000
                2021-01-01,Calgary,1300000
                """));
        assertThat(again.records()).isZero();
        assertThat(again.offsets()).isNull();
        assertThat(again.head()).isEqualTo(second.head());
    }

    @Test
    void ledgerMergeDropsRecordsWithKeysAlreadyInTheDatasetAndSortsByEventTime() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: orders
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: orders
                      read:
                        kind: Csv
                        header: true
                        schema: ["event_time TIMESTAMP", "id BIGINT", "item STRING"]
                      merge:
                        kind: Ledger
                        primaryKey: [id]
                """);
        // Duplicates within one file are kept (kamu only anti-joins with what the dataset holds), sorted by event
        // time with ties in input order.
        assertThat(ingest("orders", csv("1.csv", """
                event_time,id,item
                2026-01-02T00:00:00Z,1,a
                2026-01-01T00:00:00Z,2,b
                2026-01-02T00:00:00Z,2,b-dup
                """)).records()).isEqualTo(3);
        assertThat(rows(slice("orders"))).extracting(r -> r.split("\\|", 3)[2].replaceFirst("^\\d+\\|", ""))
                .containsExactly("1767225600000|2|b", "1767312000000|1|a", "1767312000000|2|b-dup");
        // A key already in the dataset is dropped even with other values.
        final IngestResult second = ingest("orders", csv("2.csv", """
                event_time,id,item
                2026-01-05T00:00:00Z,2,changed
                2026-01-03T00:00:00Z,3,c
                """));
        assertThat(second.records()).isEqualTo(1);
        assertThat(rows(slice("orders"))).extracting(r -> r.split("\\|", 3)[2].replaceFirst("^\\d+\\|", ""))
                .containsExactly("1767398400000|3|c");
        // The watermark comes from the records written, not from the dropped one of 01-05.
        assertThat(((AddData) blocks("orders").get(0).event()).newWatermark())
                .isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
    }

    @Test
    void changelogStreamPassesOperationsThroughAfterCheckingThem() throws IOException {
        add(keyedManifest("scores", "ChangelogStream"));
        ingest("scores", csv("c1.csv", "op,place,name,score\n+A,1,Alice,100\n+A,2,Bob,80\n"));
        final IngestResult second = ingest("scores", csv("c2.csv",
                "op,place,name,score\n-C,2,Bob,80\n+C,2,Charlie,90\n1,1,Alice,100\n"));
        assertThat(second.records()).isEqualTo(3);
        // Passed through, sorted by key, then operation.
        assertThat(rows(slice("scores"))).extracting(r -> r.split("\\|", 2)[1].replaceFirst("\\|\\d+\\|\\d+\\|", "|"))
                .containsExactly("1|1|Alice|100", "2|2|Bob|80", "3|2|Charlie|90");
        assertIngestFails("scores", csv("c3.csv", "op,place,name,score\n-R,1,Alice,100\n"), ErrorCode.INVALID_DATA,
                "Input record 1 of this ChangelogStream retracts or corrects key (place=1), which is not live");
        assertIngestFails("scores", csv("c4.csv", "op,place,name,score\n-C,2,Charlie,90\n"), ErrorCode.INVALID_DATA,
                "has a -C for key (place=2) not followed by its +C");
        assertIngestFails("scores", csv("c5.csv", "op,place,name,score\nX,2,Charlie,90\n"), ErrorCode.INVALID_DATA,
                "column 'op': 'X' is not an operation");
    }

    @Test
    void upsertStreamTurnsUpsertsAndDeletesIntoAppendsCorrectionsAndRetractions() throws IOException {
        add(keyedManifest("board", "UpsertStream"));
        ingest("board", csv("u1.csv", "op,place,name,score\n0,1,Alice,100\n0,2,Bob,80\n0,3,Carol,70\n"));
        // Place 2 is updated twice (the last wins), place 1 deleted, place 3 unchanged, place 7 unknown: nothing.
        final IngestResult second = ingest("board", csv("u2.csv", """
                op,place,name,score
                0,2,Dave,85
                0,2,Charlie,90
                0,3,Carol,70
                1,1,Alice,100
                1,7,Nobody,0
                """));
        assertThat(second.records()).isEqualTo(3);
        assertThat(rows(slice("board"))).extracting(r -> r.split("\\|", 2)[1].replaceFirst("\\|\\d+\\|\\d+\\|", "|"))
                .containsExactly("1|1|Alice|100", "2|2|Bob|80", "3|2|Charlie|90");
        assertThat(ingest("board", csv("u3.csv", "op,place,name,score\n1,7,Nobody,0\n")).records()).isZero();
    }

    @Test
    void upsertStreamInputsWithoutAnOperationColumnAreAllUpserts() throws IOException {
        add(keyedManifest("plain", "UpsertStream").replace("\"op STRING\", ", ""));
        ingest("plain", csv("p1.csv", "place,name,score\n3,Carol,70\n"));
        final IngestResult second = ingest("plain", csv("p2.csv", "place,name,score\n3,Carol,75\n4,Erin,60\n"));
        assertThat(second.records()).isEqualTo(3);
        assertThat(rows(slice("plain"))).extracting(r -> r.split("\\|", 2)[1].replaceFirst("\\|\\d+\\|\\d+\\|", "|"))
                .containsExactly("2|3|Carol|70", "3|3|Carol|75", "0|4|Erin|60");
    }

    @Test
    void aPushSourceWithAPreprocessStepWeftCannotRunIsNotIngestedThrough() throws IOException {
        // weft add refuses such sources; a chain written elsewhere (kamu) may still have one.
        add(keyedManifest("pre", "Append"));
        final StoreMetadataChain chain = new StoreMetadataChain(workspace.dataset(DatasetName.of("pre")));
        final MetadataBlock head = blocks("pre").get(0);
        final AddPushSource original = blocks("pre").stream().map(MetadataBlock::event)
                .filter(AddPushSource.class::isInstance).map(AddPushSource.class::cast).findFirst().orElseThrow();
        chain.append(new MetadataBlock(T1, chain.head().orElseThrow(), head.sequenceNumber() + 1,
                new AddPushSource(original.sourceName(), original.read(),
                        new Transform.Sql("datafusion", null, "SELECT upper(name) AS name FROM input", null, null),
                        original.merge())));
        assertIngestFails("pre", csv("p.csv", "place,name,score\n1,Ann,3\n"), ErrorCode.UNSUPPORTED,
                "Cannot ingest into 'pre': its push source '" + original.sourceName() + "' has a "
                        + "preprocess.query Weft cannot run: 'upper(name) AS name' is neither a column, a renamed column (column AS name) nor a "
                        + "string constant with a name ('text' AS name)");
    }

    @Test
    void ndJsonAndJsonDocumentsAreReadByFieldName() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: events
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: api
                      read:
                        kind: NdJson
                        schema:
                          fields:
                            - {name: event_time, type: timestamp}
                            - {name: user, type: {kind: Option, inner: {kind: String}}}
                            - {name: clicks, type: int64}
                            - {name: amount, type: {kind: Option, inner: {kind: Decimal, precision: 10, scale: 2}}}
                      merge:
                        kind: Append
                """);
        final IngestResult lines = ingest("events", csv("e.ndjson", """
                {"event_time": "2026-02-01T10:00:00Z", "user": "ann", "clicks": 3, "amount": 1.5, "extra": {"x": 1}}
                {"clicks": 4, "user": null, "event_time": "2026-02-01T11:00:00Z"}
                """));
        assertThat(lines.records()).isEqualTo(2);
        assertThat(rows(slice("events"))).extracting(r -> r.split("\\|", 4)[3])
                .containsExactly("1769940000000|ann|3|1.50", "1769943600000|null|4|null");

        final Path document = csv("page.json", """
                {"page": 1, "data": {"items": [
                  {"event_time": "2026-02-02T00:00:00Z", "user": "bo", "clicks": 1},
                  {"event_time": "2026-02-02T01:00:00Z", "user": "cy", "clicks": 2}
                ]}}
                """);
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.fixed(T1, ZoneOffset.UTC)).ingest(
                        DatasetName.of("events"), List.of(document), new PushIngester.Options(null, "json", null)))
                .hasMessageEndingWith("page.json:1:1: expected an array of records at the root");
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: pages
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: api
                      read:
                        kind: Json
                        subPath: data.items
                        schema:
                          fields:
                            - {name: event_time, type: timestamp}
                            - {name: user, type: string}
                            - {name: clicks, type: int64}
                      merge:
                        kind: Append
                """);
        assertThat(ingest("pages", document).records()).isEqualTo(2);
        assertThat(rows(slice("pages"))).extracting(r -> r.split("\\|", 4)[3])
                .containsExactly("1769990400000|bo|1", "1769994000000|cy|2");
    }

    @Test
    void parquetFilesAreReadByColumnName() {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: towns
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: files
                      read:
                        kind: Parquet
                        schema: ["event_time TIMESTAMP", "city STRING", "population INT"]
                      merge:
                        kind: Snapshot
                        primaryKey: [city]
                """);
        final Path kamuSlice = dev.weft.odf.testing.SharedReference.odf()
                .resolve("data/parquet/datafusion-issue-14281/data.parquet");
        assertThat(ingest("towns", kamuSlice).records()).isEqualTo(3);
        assertThat(rows(slice("towns"))).extracting(r -> r.split("\\|", 4)[3])
                .containsExactly("2524651200000|A|10", "2524651200000|B|20", "2524651200000|C|30");
        assertThat(ingest("towns", kamuSlice).records()).as("the same snapshot again").isZero();
    }

    @Test
    void aParquetFileLackingColumnsOfTheReadSchemaIsRefusedNamingThem() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: towns
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: files
                      read:
                        kind: Parquet
                        schema: ["event_time TIMESTAMP", "town STRING", "population INT", "area DOUBLE"]
                      merge:
                        kind: Append
                """);
        final List<String> before = datasetFiles("towns");
        final Path kamuSlice = dev.weft.odf.testing.SharedReference.odf()
                .resolve("data/parquet/datafusion-issue-14281/data.parquet");
        assertIngestFails("towns", kamuSlice, ErrorCode.INVALID_DATA, "Cannot read " + kamuSlice
                + ": it has no columns [town, area] of the read schema; its columns are "
                + "[offset, op, system_time, event_time, city, population]");
        assertThat(datasetFiles("towns")).isEqualTo(before);
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: events
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: api
                      read:
                        kind: NdJson
                        schema:
                          fields:
                            - {name: user, type: string}
                            - {name: clicks, type: int64}
                      merge:
                        kind: Append
                """);
        assertIngestFails("events", csv("bad.ndjson", "{\"user\": \"a\", \"clicks\": 1}\n{\"user\": \"b\" \"clicks\": 2}\n"),
                ErrorCode.INVALID_DATA, "bad.ndjson:2:14: malformed JSON: Unexpected character");
        assertIngestFails("events", csv("type.ndjson", "{\"user\": \"a\", \"clicks\": \"many\"}\n"),
                ErrorCode.INVALID_DATA, "type.ndjson:1:25: column 'clicks': cannot read 'many' as BIGINT");
        assertIngestFails("events", csv("nested.ndjson", "{\"user\": {\"id\": 1}}\n"),
                ErrorCode.INVALID_DATA, "nested.ndjson:1:10: column 'user': nested values are not supported");
    }

    @Test
    void schemaIsInferredOnlyWhenTheSourceAsksForIt() throws IOException {
        add(keyedManifest("guess", "Append").replace("schema: [\"place BIGINT\", \"name STRING\", \"score INT\"]",
                "inferSchema: true"));
        ingest("guess", csv("g.csv", "place,name,score,seen,ok\n1,a,2.5,2026-01-01,true\n"
                + "2,,3,2026-01-02T10:00:00Z,false\n"));
        final SetDataSchema schema = (SetDataSchema) blocks("guess").get(1).event();
        assertThat(schema.schema().fields()).extracting(f -> f.name() + " " + f.type())
                .containsExactly("offset Int64[]", "op Int32[]", "system_time Timestamp[unit=MILLISECOND, timezone=UTC]",
                        "event_time Timestamp[unit=MILLISECOND, timezone=UTC]",
                        "place Option[inner=Int64[]]", "name Option[inner=String[]]", "score Option[inner=Float64[]]",
                        "seen Option[inner=Timestamp[unit=MILLISECOND, timezone=UTC]]", "ok Option[inner=Bool[]]");

        add(keyedManifest("both", "Append").replace("schema: [", "inferSchema: true\n        schema: ["));
        assertIngestFails("both", csv("b.csv", "place,name,score\n1,a,2\n"), ErrorCode.INVALID_MANIFEST,
                "declares a schema and asks to infer one");
    }

    private static String keyedManifest(String name, String merge) {
        return """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: %s
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: feed
                      read:
                        kind: Csv
                        header: true
                        schema: [%s"place BIGINT", "name STRING", "score INT"]
                      merge:
                        kind: %s
                %s
                """.formatted(name, merge.equals("Append") ? "" : "\"op STRING\", ", merge,
                        merge.equals("Append") ? "" : "        primaryKey: [place]");
    }

    private Path slice(String dataset) {
        final AddData latest = (AddData) blocks(dataset).get(0).event();
        return workspace.dataset(DatasetName.of(dataset)).path(FileKind.DATA, latest.newData().physicalHash());
    }

    @Test
    void badRowsFailWithTheirPositionAndChangeNothing() throws IOException {
        add(Files.readString(Path.of("..", "examples", "cities.population.yaml")));
        ingest("cities.population", csv("ok.csv", "census_date,city,population\n2020-01-01,Vancouver,675000\n"));
        final List<String> before = datasetFiles("cities.population");

        assertIngestFails("cities.population", csv("type.csv", "census_date,city,population\n"
                        + "2021-01-01,Vancouver,690000\n2021-01-01,Calgary,lots\n"),
                ErrorCode.INVALID_DATA, "type.csv:3:20: column 'population': cannot read 'lots' as BIGINT: not an integer");
        assertIngestFails("cities.population", csv("short.csv", "census_date,city,population\n2021-01-01,Calgary\n"),
                ErrorCode.INVALID_DATA, "short.csv:2: expected 3 columns [census_date, city, population], found 2");
        assertIngestFails("cities.population", csv("quote.csv", "census_date,city,population\n2021-01-01,\"Cal,1\n"),
                ErrorCode.INVALID_DATA, "quote.csv:2:12: unterminated quoted field");
        assertIngestFails("cities.population", csv("time.csv", "census_date,city,population\nsoon,Calgary,1\n"),
                ErrorCode.INVALID_DATA, "time.csv:2:1: column 'census_date': cannot read 'soon' as TIMESTAMP");
        final byte[] latin1 = "census_date,city,population\n2021-01-01,Montréal,1800000\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertIngestFails("cities.population", Files.write(dir.resolve("latin1.csv"), latin1),
                ErrorCode.INVALID_DATA, "latin1.csv:2:17: byte 0xE9 is not valid UTF-8");
        assertIngestFails("cities.population", csv("dup.csv", "census_date,city,population\n"
                        + "2021-01-01,Calgary,1\n2021-01-01,Calgary,2\n"),
                ErrorCode.INVALID_DATA, "The snapshot has the primary key (city=Calgary) more than once");
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.systemUTC()).ingest(
                        DatasetName.of("cities.population"), List.of(dir.resolve("missing.csv")),
                        PushIngester.Options.DEFAULT))
                .hasMessageContaining("missing.csv does not exist");
        assertThatThrownBy(() -> new PushIngester(workspace, Clock.systemUTC()).ingest(
                        DatasetName.of("cities.population"), List.of(csv("x.csv", "a\n")),
                        new PushIngester.Options("nightly", null, null)))
                .hasMessage("Dataset 'cities.population' has no push source named 'nightly'; its push sources are [census]");

        assertThat(datasetFiles("cities.population")).isEqualTo(before);
    }

    @Test
    void datasetsWithoutPushSourceOrDerivedOnesCannotBePushedInto() throws IOException {
        add(Files.readString(Path.of("..", "examples", "shop.orders.yaml")));
        add(Files.readString(Path.of("..", "examples", "shop.daily-revenue.yaml")));
        assertIngestFails("shop.orders", csv("o.csv", "x\n"), ErrorCode.NOT_FOUND,
                "Dataset 'shop.orders' has no push source (AddPushSource)");
        assertIngestFails("shop.daily-revenue", csv("d.csv", "x\n"), ErrorCode.INVALID_ARGUMENT,
                "Cannot ingest into 'shop.daily-revenue': it is a derivative dataset");
    }

    private void assertIngestFails(String dataset, Path file, ErrorCode code, String message) {
        assertThatThrownBy(() -> ingest(dataset, file))
                .isInstanceOf(WeftException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(code));
    }

    private void add(String manifest) {
        new SnapshotInstaller(workspace, Clock.fixed(T1, ZoneOffset.UTC)).install(List.of(ManifestParser.parse(manifest, "m.yaml")));
    }

    private IngestResult ingest(String dataset, Path file) {
        return new PushIngester(workspace, Clock.fixed(T1, ZoneOffset.UTC))
                .ingest(DatasetName.of(dataset), List.of(file), PushIngester.Options.DEFAULT);
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private List<MetadataBlock> blocks(String dataset) {
        try (Stream<ChainBlock> blocks = new StoreMetadataChain(workspace.dataset(DatasetName.of(dataset))).blocks()) {
            return blocks.map(ChainBlock::block).toList();
        }
    }

    private List<String> datasetFiles(String dataset) throws IOException {
        final Path root = workspace.dataset(DatasetName.of(dataset)).directory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith(".")).sorted().toList();
        }
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
                                : value instanceof Integer days && vector instanceof org.apache.arrow.vector.DateDayVector
                                        ? java.time.LocalDate.ofEpochDay(days).toString()
                                        : String.valueOf(value));
                    }
                    out.add(String.join("|", cells));
                }
            }
        }
        return out;
    }
}
