package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.ChainValidator;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollingIngesterTest {
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
    void filesGlobTakesEachNewFileOnceInNameOrderWithEventTimesFromTheName() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: prices
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        kind: FilesGlob
                        path: drop/prices-*.csv.gz
                        eventTime:
                          kind: FromPath
                          pattern: prices-(\\d+)\\.csv
                          timestampFormat: "%Y%m%d"
                      prepare:
                        - kind: Decompress
                          format: Gzip
                      read:
                        kind: Csv
                        header: true
                        schema: ["sku STRING", "price DECIMAL(8,2)"]
                      merge:
                        kind: Snapshot
                        primaryKey: [sku]
                """);
        Files.createDirectories(dir.resolve("drop"));
        gzip("drop/prices-20260102.csv.gz", "sku,price\na,1.00\nb,2.00\n");
        gzip("drop/prices-20260101.csv.gz", "sku,price\na,1.00\n");
        final PollingIngester.PullResult first = pull("prices");
        assertThat(first.commits()).hasSize(2);
        // a of 01-02 differs from a of 01-01 in its event time only, which the Snapshot merge compares too (as
        // kamu's does): +A a, then -C/+C a and +A b.
        assertThat(first.records()).isEqualTo(4);
        assertThat(pull("prices").commits()).isEmpty();

        gzip("drop/prices-20260103.csv.gz", "sku,price\na,1.50\n");
        final PollingIngester.PullResult third = pull("prices");
        assertThat(third.records()).isEqualTo(3);
        final AddData latest = (AddData) blocks("prices").get(0).event();
        // As kamu records it: the name of the last file taken, as an odf/etag.
        assertThat(latest.newSourceState()).isEqualTo(new SourceState("odf/polling", "odf/etag",
                "prices-20260103.csv.gz"));
        assertThat(latest.newWatermark()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(new ChainValidator(workspace.dataset(DatasetName.of("prices"))).validate().isValid()).isTrue();
    }

    @Test
    void urlSourcesRevalidateWithTheEtagAndTakeChangesOnly() throws IOException {
        final AtomicReference<String> body = new AtomicReference<>("id,name\n1,one\n");
        final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/things.csv", exchange -> {
            final String current = body.get();
            final String etag = "\"" + Integer.toHexString(current.hashCode()) + "\"";
            final String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(sent));
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                final byte[] bytes = current.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            add("""
                    kind: DatasetSnapshot
                    version: 1
                    content:
                      name: things
                      kind: Root
                      metadata:
                        - kind: SetPollingSource
                          fetch:
                            kind: Url
                            url: http://127.0.0.1:%d/things.csv
                          read:
                            kind: Csv
                            header: true
                            schema: ["id BIGINT", "name STRING"]
                          merge:
                            kind: Ledger
                            primaryKey: [id]
                    """.formatted(server.getAddress().getPort()));
            assertThat(pull("things").records()).isEqualTo(1);
            assertThat(pull("things").commits()).isEmpty();
            body.set("id,name\n1,one\n2,two\n");
            assertThat(pull("things").records()).isEqualTo(1);
            assertThat(ifNoneMatch.get(0)).isEqualTo("null");
            assertThat(ifNoneMatch.get(1)).isEqualTo(ifNoneMatch.get(2)).startsWith("\"");
            final AddData latest = (AddData) blocks("things").get(0).event();
            assertThat(latest.newSourceState().kind()).isEqualTo("odf/etag");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void eventTimesInFileNamesReadStrftimeFormatsWithLiteralText() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: readings
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        kind: FilesGlob
                        path: in/reading-*.csv
                        eventTime:
                          kind: FromPath
                          pattern: reading-(.+)\\.csv
                          timestampFormat: "%Y-%m-%dT%H:%M:%S"
                      read:
                        kind: Csv
                        header: true
                        schema: ["value BIGINT"]
                      merge:
                        kind: Append
                """);
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/reading-2026-01-02T10:30:00.csv"), "value\n7\n");
        assertThat(pull("readings").records()).isEqualTo(1);
        final AddData added = (AddData) blocks("readings").get(0).event();
        assertThat(added.newWatermark()).isEqualTo(Instant.parse("2026-01-02T10:30:00Z"));

        final EventTimeSource.FromPath words = new EventTimeSource.FromPath("(on .+)\\.csv",
                "on %d %b %Y at %H o'clock");
        assertThat(FilesGlobFetcher.eventTimeFromPath(words, "report on 05 Mar 2026 at 14 o'clock.csv"))
                .isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
        assertThat(FilesGlobFetcher.javaPattern("%Y-%m-%dT%H:%M:%S")).isEqualTo("yyyy'-'MM'-'dd'T'HH':'mm':'ss");
        assertThatThrownBy(() -> FilesGlobFetcher.eventTimeFromPath(words, "summary.csv"))
                .hasMessage("File name 'summary.csv' does not match the event time pattern '(on .+)\\.csv'");
        assertThatThrownBy(() -> FilesGlobFetcher.eventTimeFromPath(
                new EventTimeSource.FromPath("(.+)", "%Y %Q"), "2026 1"))
                .hasMessageContaining("the strftime directive %Q is not supported");
    }

    @Test
    void lastModifiedIsRecordedAsRfc3339AndSentBackAsAnHttpDate() throws IOException {
        final Instant modified = Instant.parse("2026-01-05T10:00:00Z");
        final List<String> ifModifiedSince = new CopyOnWriteArrayList<>();
        final List<String> authorization = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/daily.csv", exchange -> {
            final String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            ifModifiedSince.add(String.valueOf(since));
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
            if (since != null && !ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .isBefore(modified)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                final byte[] bytes = "id\n1\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            add(pollingManifest("daily", ("kind: Url\n        url: http://127.0.0.1:%d/daily.csv\n"
                    + "        headers:\n          - name: Authorization\n            value: Bearer s3cret")
                    .formatted(server.getAddress().getPort())));
            assertThat(pull("daily").records()).isEqualTo(1);
            final AddData added = (AddData) blocks("daily").get(0).event();
            assertThat(added.newSourceState()).isEqualTo(new SourceState("odf/polling", "odf/last-modified",
                    "2026-01-05T10:00:00Z"));
            assertThat(pull("daily").commits()).isEmpty();
            assertThat(ifModifiedSince).containsExactly("null", "Mon, 5 Jan 2026 10:00:00 GMT");
            assertThat(authorization).containsOnly("Bearer s3cret");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void cacheForeverTakesAResourceWithoutValidatorsOnce() throws IOException {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/static.csv", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            final byte[] bytes = "id\n1\n2\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            exchange.close();
        });
        server.start();
        try {
            add(pollingManifest("static", ("kind: Url\n        url: http://127.0.0.1:%d/static.csv\n"
                    + "        cache:\n          kind: Forever").formatted(server.getAddress().getPort())));
            assertThat(pull("static").records()).isEqualTo(2);
            assertThat(pull("static").commits()).isEmpty();
            assertThat(requests).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpErrorsAndUnsupportedFetchKindsAreReported() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            add(pollingManifest("missing", "kind: Url\n        url: http://127.0.0.1:" + server.getAddress().getPort()
                    + "/gone.csv"));
            assertThatThrownBy(() -> pull("missing"))
                    .hasMessageEndingWith("/gone.csv for 'missing': HTTP 404");
        } finally {
            server.stop(0);
        }
        add(pollingManifest("boxed", "kind: Container\n        image: example/producer:1"));
        assertThatThrownBy(() -> pull("boxed"))
                .isInstanceOf(WeftException.class)
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED))
                .hasMessageContaining("does not run Container fetch steps");
    }

    private static String pollingManifest(String name, String fetch) {
        return """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: %s
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        %s
                      read:
                        kind: Csv
                        header: true
                      merge:
                        kind: Append
                """.formatted(name, fetch);
    }

    @Test
    void pipePrepareStepsFeedTheFileThroughTheirCommandBeforeAProjectingPreprocess() throws IOException {
        add("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: rates
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch: {kind: FilesGlob, path: drop/rates.txt}
                      prepare:
                        - kind: Pipe
                          command: [sed, -e, "1,/BEGIN DATA/d"]
                      read:
                        kind: Csv
                        header: true
                        schema:
                          fields:
                            - {name: day, type: timestamp}
                            - {name: EURUSD, type: float64}
                            - {name: GBPUSD, type: float64}
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        query: select day, 'EUR' as base, EURUSD as rate from input
                      merge: {kind: Ledger, primaryKey: [day]}
                    - kind: SetVocab
                      eventTimeColumn: day
                """);
        Files.createDirectories(dir.resolve("drop"));
        Files.writeString(dir.resolve("drop/rates.txt"), "Rates export\nsome: notes\nBEGIN DATA\n"
                + "day,EURUSD,GBPUSD\n2026-02-02,1.08,1.27\n2026-02-03,1.09,1.26\n");
        assertThat(pull("rates").records()).isEqualTo(2);
        final dev.weft.odf.model.SetDataSchema schema = blocks("rates").stream().map(b -> b.event())
                .filter(dev.weft.odf.model.SetDataSchema.class::isInstance)
                .map(dev.weft.odf.model.SetDataSchema.class::cast).findFirst().orElseThrow();
        assertThat(schema.schema().fields()).extracting(dev.weft.odf.model.DataField::name)
                .containsExactly("offset", "op", "system_time", "day", "base", "rate");
    }

    @Test
    void aPipeCommandThatFailsIsReportedWithItsExitCodeAndMessage() throws IOException {
        add(pollingManifest("broken", "kind: FilesGlob\n        path: drop/x.csv").replace(
                "      read:", "      prepare:\n"
                        + "        - {kind: Pipe, command: [sh, -c, \"echo no header >&2; exit 3\"]}\n"
                        + "      read:"));
        Files.createDirectories(dir.resolve("drop"));
        Files.writeString(dir.resolve("drop/x.csv"), "a\n1\n");
        assertThatThrownBy(() -> pull("broken"))
                .isInstanceOf(WeftException.class)
                .hasMessage("Cannot pull 'broken': prepare[0].command [sh, -c, echo no header >&2; exit 3] exited "
                        + "with 3: no header");
        assertThat(blocks("broken").get(0).event()).isNotInstanceOf(AddData.class);
    }

    @Test
    void prepareStepsWeftCannotRunAreRefusedWhenTheDatasetIsAdded() {
        assertThatThrownBy(() -> add(pollingManifest("zipped", "kind: FilesGlob\n        path: drop/*.zip").replace(
                "      read:", "      prepare:\n        - {kind: Decompress, format: Zip}\n      read:")))
                .isInstanceOf(WeftException.class)
                .hasMessage("Cannot add dataset 'zipped': its polling source's prepare[0].format is Zip, and Weft "
                        + "decompresses only Gzip so far")
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED));
        assertThat(workspace.datasetNames()).isEmpty();
    }

    @Test
    void pullFromAFileRunsTheSourceStepsAndLeavesTheSourceStateAsItWas() throws IOException {
        add(pollingManifest("remote", "kind: Url\n        url: http://127.0.0.1:9/never.csv.gz").replace(
                "      read:", "      prepare:\n"
                        + "        - {kind: Decompress, format: Gzip}\n"
                        + "      read:"));
        gzip("local.csv.gz", "city,population\nOslo,700000\n");
        final IngestResult result = new PollingIngester(workspace, Clock.systemUTC(), dir)
                .pullFrom(DatasetName.of("remote"), dir.resolve("local.csv.gz"), IngestProgress.NONE);
        assertThat(result.records()).isEqualTo(1);
        final AddData added = (AddData) blocks("remote").get(0).event();
        assertThat(added.newData()).isNotNull();
        assertThat(added.newSourceState()).isNull();
        assertThatThrownBy(() -> new PollingIngester(workspace, Clock.systemUTC(), dir)
                .pullFrom(DatasetName.of("remote"), dir.resolve("absent.csv"), IngestProgress.NONE))
                .hasMessageStartingWith("Cannot pull 'remote' from ").hasMessageEndingWith("absent.csv: no such file");
    }

    private void add(String manifest) {
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse(manifest, "m.yaml")));
    }

    private PollingIngester.PullResult pull(String dataset) {
        return new PollingIngester(workspace, Clock.systemUTC(), dir).pull(DatasetName.of(dataset), IngestProgress.NONE);
    }

    private void gzip(String name, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<dev.weft.odf.model.MetadataBlock> blocks(String dataset) {
        try (Stream<ChainBlock> blocks = new StoreMetadataChain(workspace.dataset(DatasetName.of(dataset))).blocks()) {
            return blocks.map(ChainBlock::block).toList();
        }
    }
}
