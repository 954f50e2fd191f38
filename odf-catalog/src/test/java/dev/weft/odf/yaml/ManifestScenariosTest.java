package dev.weft.odf.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.AttachmentEmbedded;
import dev.weft.odf.model.Attachments;
import dev.weft.odf.model.CompressionFormat;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.EnvVar;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.ExtraAttributes;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MqttQos;
import dev.weft.odf.model.MqttTopicSubscription;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.RawArrowSchema;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.RequestHeader;
import dev.weft.odf.model.SetAttachments;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.model.SetLicense;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.SourceCaching;
import dev.weft.odf.model.SourceOrdering;
import dev.weft.odf.model.SqlQueryStep;
import dev.weft.odf.model.TemporalTable;
import dev.weft.odf.model.TimeUnit;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole manifests, as people write them, parsed into the events they stand for. */
class ManifestScenariosTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String DID = "did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4";

    @Test
    void citiesExampleIsAPushSourceWithADataSchema() {
        final DatasetSnapshot snapshot = ManifestParser.parse(EXAMPLES.resolve("cities.population.yaml"));

        assertThat(snapshot).isEqualTo(new DatasetSnapshot("cities.population", DatasetKind.ROOT, List.of(
                new AddPushSource("census",
                        new ReadStep.Csv(null, null, null, null, null, true, null, null, null, null, new DataSchema(List.of(
                                new DataField("census_date", new DataType.Date(), null),
                                new DataField("city", new DataType.String(), null),
                                new DataField("population", new DataType.Int64(), null)), null)),
                        null, new MergeStrategy.Snapshot(List.of("city"), null)),
                new SetVocab(null, null, null, "census_date"),
                new SetInfo("Population of cities by census", List.of("demo", "census")),
                new SetLicense("CC0-1.0", "Creative Commons Zero v1.0 Universal", null,
                        "https://creativecommons.org/publicdomain/zero/1.0/"))));
    }

    @Test
    void ordersExampleIsAPollingSourceWithADdlSchema() {
        final DatasetSnapshot snapshot = ManifestParser.parse(EXAMPLES.resolve("shop.orders.yaml"));

        assertThat(snapshot).isEqualTo(new DatasetSnapshot("shop.orders", DatasetKind.ROOT, List.of(
                new SetPollingSource(new FetchStep.FilesGlob("data/orders-*.csv", null, null, null), null,
                        new ReadStep.Csv(List.of("order_time TIMESTAMP", "order_id BIGINT", "product STRING",
                                "quantity INT", "price DECIMAL(10,2)"), null, null, null, null, true, null, null, null, null,
                                null),
                        null, new MergeStrategy.Ledger(List.of("order_id"))),
                new SetVocab(null, null, null, "order_time"),
                new SetInfo("Orders of the demo shop", List.of("demo")))));
    }

    @Test
    void dailyRevenueExampleIsADerivativeWithAMultiLineQuery() {
        final DatasetSnapshot snapshot = ManifestParser.parse(EXAMPLES.resolve("shop.daily-revenue.yaml"));

        assertThat(snapshot).isEqualTo(new DatasetSnapshot("shop.daily-revenue", DatasetKind.DERIVATIVE, List.of(
                new SetTransform(List.of(new TransformInput("shop.orders", null)), new Transform.Sql("datafusion", null,
                        "SELECT\n  order_time AS event_time,\n  product,\n  quantity * price AS revenue\n"
                                + "FROM \"shop.orders\"\n", null, null)),
                new SetInfo("Revenue of each order line of the demo shop", null))));
    }

    @Test
    void kamuManifestInTheOlderSpellingWithFoldedQueryAndAttachments() {
        final DatasetSnapshot snapshot = ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: ca.bccdc.covid19.case-details
                  kind: root
                  metadata:
                    - kind: setPollingSource
                      fetch:
                        kind: url
                        url: http://www.bccdc.ca/Documents/BCCDC_COVID19_Dashboard_Case_Details.csv
                        eventTime:
                          kind: fromSystemTime
                      read:
                        kind: csv
                        separator: ','
                        header: true
                        nullValue: ''
                        schema:
                          - Reported_Date DATE
                          - HA STRING
                          - Age_Group STRING
                      preprocess:
                        kind: sql
                        engine: spark
                        query: >
                          SELECT
                            CAST(Reported_Date as TIMESTAMP) as reported_date,
                            HA as ha
                          FROM input
                      merge:
                        kind: ledger
                        primaryKey:
                          - reported_date
                          - ha
                    - kind: setVocab
                      eventTimeColumn: reported_date
                    - kind: setInfo
                      description: Confirmed positive cases of COVID-19 in British Columbia.
                      keywords:
                        - Healthcare
                        - COVID-19
                    - kind: setAttachments
                      attachments:
                        kind: embedded
                        items:
                          - path: README.md
                            content: |
                              # Confirmed positive cases of COVID-19 in British Columbia
                    - kind: setLicense
                      shortName: OGL-Canada-2.0
                      spdxId: OGL-Canada-2.0
                      name: Open Government Licence - Canada
                      websiteUrl: https://open.canada.ca/en/open-government-licence-canada
                """, "case-details.yaml");

        assertThat(snapshot.name()).isEqualTo("ca.bccdc.covid19.case-details");
        assertThat(snapshot.metadata()).containsExactly(
                new SetPollingSource(
                        new FetchStep.Url("http://www.bccdc.ca/Documents/BCCDC_COVID19_Dashboard_Case_Details.csv",
                                new EventTimeSource.FromSystemTime(), null, null),
                        null,
                        new ReadStep.Csv(List.of("Reported_Date DATE", "HA STRING", "Age_Group STRING"), ",", null, null,
                                null, true, null, "", null, null, null),
                        new Transform.Sql("spark", null,
                                "SELECT\n  CAST(Reported_Date as TIMESTAMP) as reported_date,\n  HA as ha\nFROM input\n",
                                null, null),
                        new MergeStrategy.Ledger(List.of("reported_date", "ha"))),
                new SetVocab(null, null, null, "reported_date"),
                new SetInfo("Confirmed positive cases of COVID-19 in British Columbia.", List.of("Healthcare", "COVID-19")),
                new SetAttachments(new Attachments.Embedded(List.of(new AttachmentEmbedded("README.md",
                        "# Confirmed positive cases of COVID-19 in British Columbia\n")))),
                new SetLicense("OGL-Canada-2.0", "Open Government Licence - Canada", "OGL-Canada-2.0",
                        "https://open.canada.ca/en/open-government-licence-canada"));
    }

    @Test
    void derivativeWithSingleQueryTemporalTablesAndInputsByNameAliasAndDid() {
        final DatasetSnapshot snapshot = ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: shop.orders-enriched
                  kind: derivative
                  metadata:
                    - kind: setTransform
                      inputs:
                        - datasetRef: shop.orders
                        - datasetRef: kamu/shop.products
                          alias: products
                        - datasetRef: %s
                          alias: rates
                      transform:
                        kind: sql
                        engine: flink
                        version: 0.18.0
                        temporalTables:
                          - name: products
                            primaryKey: [product_id]
                        query: SELECT * FROM "shop.orders" JOIN products FOR SYSTEM_TIME AS OF event_time
                """.formatted(DID), "enriched.yaml");

        assertThat(snapshot.kind()).isEqualTo(DatasetKind.DERIVATIVE);
        assertThat(snapshot.metadata()).containsExactly(new SetTransform(
                List.of(new TransformInput("shop.orders", null), new TransformInput("kamu/shop.products", "products"),
                        new TransformInput(DID, "rates")),
                new Transform.Sql("flink", "0.18.0",
                        "SELECT * FROM \"shop.orders\" JOIN products FOR SYSTEM_TIME AS OF event_time", null,
                        List.of(new TemporalTable("products", List.of("product_id"))))));
    }

    @Test
    void everyVariantAndFieldInMixedSpellings() {
        final DatasetSnapshot snapshot = ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: every.variant
                  kind: ROOT
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        kind: Url
                        url: https://example.org/data.json.gz
                        eventTime: {kind: FromMetadata}
                        cache: {kind: forever}
                        headers:
                          - {name: Authorization, value: Bearer x}
                      prepare:
                        - kind: Decompress
                          format: zip
                          subPath: data/*.json
                        - kind: pipe
                          command: [jq, -c, .rows]
                      read:
                        kind: Json
                        subPath: rows
                        ddlSchema: [id BIGINT]
                        dateFormat: yyyy-MM-dd
                        encoding: utf-8
                        timestampFormat: yyyy-MM-dd HH:mm:ss
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        queries:
                          - {alias: a, query: SELECT 1}
                          - {query: SELECT * FROM a}
                      merge: {kind: UpsertStream, primaryKey: [id]}
                    - kind: setPollingSource
                      fetch:
                        kind: container
                        image: ghcr.io/kamu-data/fetch-com.github:0.2.0
                        command: [/fetch]
                        args: [--since, "${{ odf.ingest.prevOffset }}"]
                        env:
                          - {name: TOKEN, value: abc}
                          - {name: EMPTY}
                      read: {kind: EsriShapefile, subPath: "*.shp"}
                      merge: {kind: changelogstream, primaryKey: [id]}
                    - kind: SetPollingSource
                      fetch:
                        kind: Mqtt
                        host: broker.example.org
                        port: 1883
                        username: user
                        password: secret
                        topics:
                          - {path: sensors/#, qos: atLeastOnce}
                          - {path: alerts}
                      read: {kind: NdJson, dateFormat: d, encoding: latin1, timestampFormat: t}
                      merge: {kind: Append}
                    - kind: SetPollingSource
                      fetch:
                        kind: EthereumLogs
                        chainId: 1
                        nodeUrl: https://eth.example.org
                        filter: address = X'aa'
                        signature: Transfer(address indexed from, address indexed to, uint256 value)
                      read: {kind: GeoJson}
                      merge: {kind: Snapshot, primaryKey: [id], compareColumns: [v]}
                    - kind: SetPollingSource
                      fetch:
                        kind: FilesGlob
                        path: in/*.parquet
                        eventTime: {kind: FromPath, pattern: '(\\d+)\\.parquet', timestampFormat: '%Y'}
                        order: BYEVENTTIME
                      read: {kind: Parquet}
                      merge: {kind: Ledger, primaryKey: [id]}
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        separator: ;
                        encoding: utf-8
                        quote: "'"
                        escape: \\
                        header: false
                        inferSchema: true
                        nullValue: NA
                        dateFormat: dd.MM.yyyy
                        timestampFormat: dd.MM.yyyy HH:mm
                        ddlSchema: ["`unit price` DECIMAL(10, 2)", "ok BOOLEAN"]
                      merge: {kind: Append}
                    - kind: AddPushSource
                      sourceName: geo
                      read: {kind: ndGeoJson}
                      merge: {kind: Append}
                    - kind: SetDataSchema
                      rawArrowSchema: AQID
                      schema:
                        fields:
                          - {name: a, type: {kind: Binary, fixedLength: 16}}
                          - {name: b, type: bool}
                          - {name: c, type: {kind: Duration, unit: Second}}
                          - {name: d, type: Float16}
                          - {name: e, type: {kind: List, itemType: Int8, fixedLength: 3}}
                          - name: f
                            type: {kind: Map, keyType: utf8, valueType: {kind: Option, inner: UInt32}, keysSorted: true}
                          - name: g
                            type:
                              kind: Struct
                              fields:
                                - {name: x, type: {kind: Time, unit: nanosecond}}
                                - {name: y, type: {kind: Null}}
                                - {name: z, type: null}
                            extra: {weft.dev/note: nested}
                          - {name: h, type: {kind: Timestamp, unit: Microsecond, timezone: Europe/Berlin}}
                        extra: {kamu.dev/archetype: Collection}
                    - kind: DisablePushSource
                      sourceName: geo
                    - kind: DisablePollingSource
                """, "every.yaml");

        final List<String> id = List.of("id");
        assertThat(snapshot.kind()).isEqualTo(DatasetKind.ROOT);
        assertThat(snapshot.metadata()).containsExactly(
                new SetPollingSource(
                        new FetchStep.Url("https://example.org/data.json.gz", new EventTimeSource.FromMetadata(),
                                new SourceCaching.Forever(), List.of(new RequestHeader("Authorization", "Bearer x"))),
                        List.of(new PrepStep.Decompress(CompressionFormat.ZIP, "data/*.json"),
                                new PrepStep.Pipe(List.of("jq", "-c", ".rows"))),
                        new ReadStep.Json("rows", List.of("id BIGINT"), "yyyy-MM-dd", "utf-8", "yyyy-MM-dd HH:mm:ss", null),
                        new Transform.Sql("datafusion", null, null,
                                List.of(new SqlQueryStep("a", "SELECT 1"), new SqlQueryStep(null, "SELECT * FROM a")), null),
                        new MergeStrategy.UpsertStream(id)),
                new SetPollingSource(
                        new FetchStep.Container("ghcr.io/kamu-data/fetch-com.github:0.2.0", List.of("/fetch"),
                                List.of("--since", "${{ odf.ingest.prevOffset }}"),
                                List.of(new EnvVar("TOKEN", "abc"), new EnvVar("EMPTY", null))),
                        null, new ReadStep.EsriShapefile(null, "*.shp", null), null, new MergeStrategy.ChangelogStream(id)),
                new SetPollingSource(
                        new FetchStep.Mqtt("broker.example.org", 1883, "user", "secret", List.of(
                                new MqttTopicSubscription("sensors/#", MqttQos.AT_LEAST_ONCE),
                                new MqttTopicSubscription("alerts", null))),
                        null, new ReadStep.NdJson(null, "d", "latin1", "t", null), null, new MergeStrategy.Append()),
                new SetPollingSource(
                        new FetchStep.EthereumLogs(1L, "https://eth.example.org", "address = X'aa'",
                                "Transfer(address indexed from, address indexed to, uint256 value)"),
                        null, new ReadStep.GeoJson(null, null), null,
                        new MergeStrategy.Snapshot(id, List.of("v"))),
                new SetPollingSource(
                        new FetchStep.FilesGlob("in/*.parquet", new EventTimeSource.FromPath("(\\d+)\\.parquet", "%Y"),
                                null, SourceOrdering.BY_EVENT_TIME),
                        null, new ReadStep.Parquet(null, null), null, new MergeStrategy.Ledger(id)),
                new AddPushSource("csv", new ReadStep.Csv(List.of("`unit price` DECIMAL(10, 2)", "ok BOOLEAN"), ";",
                        "utf-8", "'", "\\", false, true, "NA", "dd.MM.yyyy", "dd.MM.yyyy HH:mm", null),
                        null, new MergeStrategy.Append()),
                new AddPushSource("geo", new ReadStep.NdGeoJson(null, null), null, new MergeStrategy.Append()),
                new SetDataSchema(RawArrowSchema.of(new byte[] {1, 2, 3}), new DataSchema(List.of(
                        new DataField("a", new DataType.Binary(16L), null),
                        new DataField("b", new DataType.Bool(), null),
                        new DataField("c", new DataType.Duration(TimeUnit.SECOND), null),
                        new DataField("d", new DataType.Float16(), null),
                        new DataField("e", new DataType.List(new DataType.Int8(), 3L), null),
                        new DataField("f", new DataType.Map(new DataType.String(),
                                new DataType.Option(new DataType.UInt32()), true), null),
                        new DataField("g", new DataType.Struct(List.of(
                                new DataField("x", new DataType.Time(TimeUnit.NANOSECOND), null),
                                new DataField("y", new DataType.Null(), null),
                                new DataField("z", new DataType.Null(), null))),
                                ExtraAttributes.of(Map.of("weft.dev/note", "nested"))),
                        new DataField("h", new DataType.Timestamp(TimeUnit.MICROSECOND, "Europe/Berlin"), null)),
                        ExtraAttributes.of(Map.of("kamu.dev/archetype", "Collection")))),
                new DisablePushSource("geo"),
                new DisablePollingSource());
    }
}
