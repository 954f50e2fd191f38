package dev.weft.odf.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.SourceOrdering;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static final String GOOD = """
            kind: DatasetSnapshot
            version: 1
            content:
              name: com.acme.orders
              kind: root
              metadata:
                - kind: setPollingSource
                  fetch:
                    kind: filesGlob
                    path: data/orders-*.csv
                    order: byName
                    eventTime:
                      kind: fromPath
                      pattern: orders-(\\d+)\\.csv
                      timestampFormat: "%Y%m%d"
                  prepare:
                    - kind: decompress
                      format: gzip
                  read:
                    kind: csv
                    header: true
                    separator: ","
                    schema:
                      - event_time TIMESTAMP
                      - order_id BIGINT
                      - "`unit price` DECIMAL(10, 2)"
                  preprocess:
                    kind: sql
                    engine: datafusion
                    query: select * from input
                  merge:
                    kind: ledger
                    primaryKey:
                      - order_id
                - kind: setVocab
                  eventTimeColumn: event_time
            """;

    @Test
    void readsKamuManifestsInTheOlderSpelling() {
        final DatasetSnapshot snapshot = ManifestParser.parse(GOOD, "orders.yaml");
        assertThat(snapshot.name()).isEqualTo("com.acme.orders");
        assertThat(snapshot.kind()).isEqualTo(DatasetKind.ROOT);
        final SetPollingSource source = (SetPollingSource) snapshot.metadata().get(0);
        assertThat(source.fetch()).isEqualTo(new FetchStep.FilesGlob("data/orders-*.csv",
                new EventTimeSource.FromPath("orders-(\\d+)\\.csv", "%Y%m%d"), null, SourceOrdering.BY_NAME));
        assertThat(source.prepare()).containsExactly(
                new PrepStep.Decompress(dev.weft.odf.model.CompressionFormat.GZIP, null));
        final ReadStep.Csv csv = (ReadStep.Csv) source.read();
        assertThat(csv.ddlSchema()).containsExactly("event_time TIMESTAMP", "order_id BIGINT", "`unit price` DECIMAL(10, 2)");
        assertThat(csv.schema()).isNull();
        assertThat(csv.header()).isTrue();
        assertThat(csv.quote()).isNull();
        assertThat(source.preprocess()).isEqualTo(new Transform.Sql("datafusion", null, "select * from input", null, null));
        assertThat(source.merge()).isEqualTo(new MergeStrategy.Ledger(List.of("order_id")));
        assertThat(snapshot.metadata().get(1)).isEqualTo(new SetVocab(null, null, null, "event_time"));
    }

    @Test
    void readsTheThreeSchemaForms() {
        final String manifest = """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: prices
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: full
                      read:
                        kind: NdJson
                        schema:
                          fields:
                            - name: price
                              type:
                                kind: Decimal
                                precision: 15
                                scale: 2
                            - name: at
                              type: timestamp
                            - name: tags
                              type:
                                kind: List
                                itemType: string
                            - name: at_us
                              type:
                                kind: Timestamp
                                unit: Microsecond
                                timezone: UTC
                      merge:
                        kind: Snapshot
                        primaryKey: [sku]
                        compareColumns: [price]
                    - kind: AddPushSource
                      sourceName: ddl
                      read:
                        kind: Csv
                        ddlSchema: ["city STRING", "population INT"]
                      merge:
                        kind: Append
                """;
        final DatasetSnapshot snapshot = ManifestParser.parse(manifest, "prices.yaml");
        final AddPushSource full = (AddPushSource) snapshot.metadata().get(0);
        assertThat(full.read().schema()).isEqualTo(new DataSchema(List.of(
                new DataField("price", new DataType.Decimal(15, 2), null),
                new DataField("at", new DataType.Timestamp(null, null), null),
                new DataField("tags", new DataType.List(new DataType.String(), null), null),
                new DataField("at_us", new DataType.Timestamp(dev.weft.odf.model.TimeUnit.MICROSECOND, "UTC"), null)),
                null));
        assertThat(full.merge()).isEqualTo(new MergeStrategy.Snapshot(List.of("sku"), List.of("price")));
        final AddPushSource ddl = (AddPushSource) snapshot.metadata().get(1);
        assertThat(ddl.read().ddlSchema()).containsExactly("city STRING", "population INT");
    }

    @Test
    void readsDerivativeTransformsWithQueriesAndDidInputs() {
        final String manifest = """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: totals
                  kind: Derivative
                  metadata:
                    - kind: SetTransform
                      inputs:
                        - datasetRef: did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4
                          alias: orders
                        - datasetRef: com.acme.shipments
                      transform:
                        kind: Sql
                        engine: datafusion
                        queries:
                          - alias: daily
                            query: SELECT 1
                          - query: SELECT * FROM daily
                    - kind: SetInfo
                      description: Totals
                      keywords: [a, b]
                """;
        final DatasetSnapshot snapshot = ManifestParser.parse(manifest, "totals.yaml");
        final SetTransform transform = (SetTransform) snapshot.metadata().get(0);
        assertThat(transform.inputs()).containsExactly(
                new TransformInput("did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4", "orders"),
                new TransformInput("com.acme.shipments", null));
        assertThat(((Transform.Sql) transform.transform()).queries()).hasSize(2);
        assertThat(snapshot.metadata().get(1)).isEqualTo(new SetInfo("Totals", List.of("a", "b")));
    }

    @Test
    void theExampleManifestsParse() {
        assertThat(ManifestParser.parse(EXAMPLES.resolve("cities.population.yaml")).metadata()).hasSize(4);
        assertThat(ManifestParser.parse(EXAMPLES.resolve("shop.orders.yaml")).metadata()).hasSize(3);
        assertThat(ManifestParser.parse(EXAMPLES.resolve("shop.daily-revenue.yaml")).kind())
                .isEqualTo(DatasetKind.DERIVATIVE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error          | '    - kind: setVocab'                   | '    - kind: [setVocab'              | bad.yaml:36:22: invalid YAML: expected ',' or ']'
            wrong top kind        | 'kind: DatasetSnapshot'                  | 'kind: Dataset'                     | bad.yaml:1:7: kind: expected a manifest of kind DatasetSnapshot, found 'Dataset'
            unsupported version   | 'version: 1'                             | 'version: 2'                        | bad.yaml:2:10: version: unsupported DatasetSnapshot version 2 (supported: 1)
            missing name          | '  name: com.acme.orders'                | '  title: com.acme.orders'          | bad.yaml:4:3: content: missing required field 'name'
            invalid name          | '  name: com.acme.orders'                | '  name: com..orders'               | bad.yaml:4:9: content.name: invalid dataset name 'com..orders'
            unknown event kind    | '    - kind: setVocab'                   | '    - kind: setVocabulary'          | bad.yaml:35:13: content.metadata[1].kind: unknown event kind 'setVocabulary'; expected one of: AddData, ExecuteTransform, Seed,
            seed in a manifest    | '    - kind: setVocab'                   | '    - kind: Seed'                   | bad.yaml:35:7: content.metadata[1]: Seed events are written by Weft itself and are not allowed in a manifest
            add data in manifest  | '    - kind: setVocab'                   | '    - kind: addData'                | bad.yaml:35:7: content.metadata[1]: AddData events are written by Weft itself and are not allowed in a manifest
            execute transform     | '    - kind: setVocab'                   | '    - kind: ExecuteTransform'       | bad.yaml:35:7: content.metadata[1]: ExecuteTransform events are written by Weft itself and are not allowed in a manifest
            unknown field         | '        separator: ","'                 | '        seperator: ","'             | bad.yaml:22:9: content.metadata[0].read.seperator: unknown field 'seperator' (did you mean 'separator'?)
            missing url           | '        path: data/orders-*.csv'        | '        url2: x'                    | bad.yaml:9:9: content.metadata[0].fetch: missing required field 'path'
            ledger without key    | '        primaryKey:'                    | '        primary:'                   | bad.yaml:32:9: content.metadata[0].merge: missing required field 'primaryKey'
            string for list       | '        primaryKey:'                    | '        primaryKey: order_id\n        keys:' | bad.yaml:33:21: content.metadata[0].merge.primaryKey: expected a list of column names, found the string 'order_id'
            list for map          | '      fetch:'                           | '      fetch: [filesGlob]\n      source:' | bad.yaml:8:14: content.metadata[0].fetch: expected a mapping of fields, found a list
            bad enum value        | '        order: byName'                  | '        order: byDate'              | bad.yaml:11:16: content.metadata[0].fetch.order: unknown source ordering 'byDate'; expected one of: ByEventTime, ByName
            bad ddl               | '          - order_id BIGINT'            | '          - order_id'               | bad.yaml:25:13: content.metadata[0].read.schema[1]: expected a column definition like 'city STRING'
            ddl decimal too wide  | '          - order_id BIGINT'            | '          - order_id DECIMAL(2147483647, 5)' | bad.yaml:25:13: content.metadata[0].read.schema[1]: DECIMAL(2147483647, 5) is out of range: precision must be 1..38 and scale 0..precision, in 'order_id DECIMAL(2147483647, 5)'
            ddl decimal scale     | '          - order_id BIGINT'            | '          - order_id numeric(4,6)'  | bad.yaml:25:13: content.metadata[0].read.schema[1]: numeric(4,6) is out of range
            bad ddl type          | '          - order_id BIGINT'            | '          - order_id HUGEINT'       | bad.yaml:25:13: content.metadata[0].read.schema[1]: expected a column definition
            duplicate key         | '        header: true'                   | '        header: true\n        header: false' | bad.yaml:22:9: content.metadata[0].read.header: duplicate field 'header'
            not a boolean         | '        header: true'                   | '        header: sometimes'          | bad.yaml:21:17: content.metadata[0].read.header: expected true or false, found 'sometimes'
            bad dataset kind      | '  kind: root'                           | '  kind: leaf'                      | bad.yaml:5:9: content.kind: unknown dataset kind 'leaf'; expected one of: Root, Derivative
            unknown read kind     | '        kind: csv'                      | '        kind: xlsx'                 | bad.yaml:20:15: content.metadata[0].read.kind: unknown read step kind 'xlsx'; expected one of: Csv,
            number for string     | '        engine: datafusion'             | '        engine: 42'                 | bad.yaml:29:17: content.metadata[0].preprocess.engine: expected a string, found a number (42); put it in quotes if it is meant as text
            list for string       | '        engine: datafusion'             | '        engine: [datafusion]'       | bad.yaml:29:17: content.metadata[0].preprocess.engine: expected a string, found a list
            version not a number  | 'version: 1'                             | 'version: one'                      | bad.yaml:2:10: version: expected an integer, found 'one'
            url without url       | '        kind: filesGlob'                | '        kind: Url'                  | bad.yaml:9:9: content.metadata[0].fetch: missing required field 'url'
            missing metadata      | '  metadata:'                            | '  events:'                         | bad.yaml:4:3: content: missing required field 'metadata'
            event without kind    | '    - kind: setVocab'                   | '    - kinds: setVocab'              | bad.yaml:35:7: content.metadata[1]: missing required field 'kind'
            ddl given twice       | '        separator: ","'                 | '        ddlSchema: [a INT]'         | bad.yaml:24:11: content.metadata[0].read.schema: give the DDL schema either as 'ddlSchema' or as a list under 'schema', not both
            empty primary key     | '        primaryKey:'                    | '        primaryKey: []\n        x:' | bad.yaml:33:21: content.metadata[0].merge.primaryKey: expected at least one primary key column
            bad compression       | '          format: gzip'                 | '          format: bzip2'            | bad.yaml:18:19: content.metadata[0].prepare[0].format: unknown compression format 'bzip2'; expected one of: Gzip, Zip
            top-level field       | 'version: 1'                             | 'version: 1\nowner: me'             | bad.yaml:3:1: owner: unknown field 'owner'
            """)
    void badManifestsFailWithOneClearMessage(String mistake, String original, String replacement, String expected) {
        assertThat(GOOD).contains(original);
        final String manifest = GOOD.replace(original, replacement.replace("\\n", "\n"));
        assertThatThrownBy(() -> ManifestParser.parse(manifest, "bad.yaml"))
                .isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .satisfies(e -> assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n"));
    }

    private static final String SCHEMA_MANIFEST = """
            kind: DatasetSnapshot
            version: 1
            content:
              name: typed
              kind: Root
              metadata:
                - kind: SetDataSchema
                  schema:
                    fields:
                      - name: price
                        type: %s
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown short type    | varchar2                                 | bad.yaml:11:19: content.metadata[0].schema.fields[0].type: unknown data type 'varchar2'; expected one of: Binary, Bool, Date, Decimal,
            unknown type kind     | '{kind: Text2}'                          | bad.yaml:11:26: content.metadata[0].schema.fields[0].type.kind: unknown data type kind 'Text2'; expected one of: Binary,
            short type needs args | decimal                                  | bad.yaml:11:19: content.metadata[0].schema.fields[0].type: data type Decimal needs parameters: write it as {kind: Decimal, …}
            decimal without scale | '{kind: Decimal, precision: 15}'         | bad.yaml:11:19: content.metadata[0].schema.fields[0].type: missing required field 'scale'
            list without items    | '{kind: List}'                           | bad.yaml:11:19: content.metadata[0].schema.fields[0].type: missing required field 'itemType'
            bad time unit         | '{kind: Timestamp, unit: Hour}'          | bad.yaml:11:43: content.metadata[0].schema.fields[0].type.unit: unknown time unit 'Hour'; expected one of: Second, Millisecond, Microsecond, Nanosecond
            unknown type field    | '{kind: Int32, nullable: true}'          | bad.yaml:11:33: content.metadata[0].schema.fields[0].type.nullable: unknown field 'nullable'
            nested unknown type   | '{kind: Option, inner: {kind: Int128}}'  | bad.yaml:11:48: content.metadata[0].schema.fields[0].type.inner.kind: unknown data type kind 'Int128'
            precision over u32    | '{kind: Decimal, precision: 4294967296, scale: 0}' | bad.yaml:11:46: content.metadata[0].schema.fields[0].type.precision: expected a non-negative integer up to 4294967295, found 4294967296
            negative length       | '{kind: Binary, fixedLength: -1}'        | bad.yaml:11:47: content.metadata[0].schema.fields[0].type.fixedLength: expected a non-negative integer up to 18446744073709551615, found '-1'
            decimal of huge precision | '{kind: Decimal, precision: 2147483647, scale: -5}' | bad.yaml:11:46: content.metadata[0].schema.fields[0].type.precision: Decimal(2147483647, -5) is out of range: precision must be 1..38 and scale 0..precision
            decimal of precision 0 | '{kind: Decimal, precision: 0, scale: 0}' | bad.yaml:11:46: content.metadata[0].schema.fields[0].type.precision: Decimal(0, 0) is out of range: precision must be 1..38 and scale 0..precision
            decimal of precision 39 | '{kind: Decimal, precision: 39, scale: 0}' | bad.yaml:11:46: content.metadata[0].schema.fields[0].type.precision: Decimal(39, 0) is out of range
            negative decimal scale | '{kind: Decimal, precision: 10, scale: -5}' | bad.yaml:11:57: content.metadata[0].schema.fields[0].type.scale: Decimal(10, -5) is out of range: precision must be 1..38 and scale 0..precision
            scale over precision  | '{kind: Decimal, precision: 5, scale: 6}' | bad.yaml:11:56: content.metadata[0].schema.fields[0].type.scale: Decimal(5, 6) is out of range
            nested bad decimal    | '{kind: Option, inner: {kind: Decimal, precision: 40, scale: 2}}' | bad.yaml:11:68: content.metadata[0].schema.fields[0].type.inner.precision: Decimal(40, 2) is out of range
            empty type            | ''                                       | bad.yaml:10:13: content.metadata[0].schema.fields[0]: missing required field 'type'
            """)
    void badDataSchemaTypesNameTheField(String mistake, String type, String expected) {
        final String manifest = SCHEMA_MANIFEST.formatted(type == null ? "" : type);
        assertThatThrownBy(() -> ManifestParser.parse(manifest, "bad.yaml"))
                .isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n"));
    }

    @Test
    void documentsThatAreNotOneMappingAreRejected() {
        assertThatThrownBy(() -> ManifestParser.parse("# only a comment\n", "comment.yaml"))
                .hasMessage("comment.yaml: the file is empty; expected a YAML document");
        assertThatThrownBy(() -> ManifestParser.parse("- kind: DatasetSnapshot\n", "list.yaml"))
                .hasMessage("list.yaml:1:1: expected a mapping of fields, found a list");
        assertThatThrownBy(() -> ManifestParser.parse(GOOD + "---\n" + GOOD, "two.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("two.yaml:37:1: invalid YAML: expected a single document in the stream, but found another document");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty account         | /shop.orders
            bad name              | shop..orders
            url                   | https://example.org/shop.orders
            bad did               | did:odf:fed01zz
            """)
    void invalidTransformInputReferencesAreRejected(String mistake, String ref) {
        final String manifest = """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: totals
                  kind: Derivative
                  metadata:
                    - kind: SetTransform
                      inputs:
                        - datasetRef: %s
                      transform:
                        kind: Sql
                        engine: datafusion
                        query: SELECT 1
                """.formatted(ref);
        assertThatThrownBy(() -> ManifestParser.parse(manifest, "ref.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("ref.yaml:9:23: content.metadata[0].inputs[0].datasetRef: invalid dataset ");
    }

    @Test
    void emptyAndMissingFilesAreReported() {
        assertThatThrownBy(() -> ManifestParser.parse("", "empty.yaml"))
                .hasMessage("empty.yaml: the file is empty; expected a YAML document");
        assertThatThrownBy(() -> ManifestParser.parse(Path.of("no-such-manifest.yaml")))
                .isInstanceOf(WeftException.class)
                .hasMessage("Manifest no-such-manifest.yaml does not exist");
    }

    @Test
    void eventsWrittenByWeftAreNotAllowedInManifests() {
        final String manifest = GOOD.replace("    - kind: setVocab\n      eventTimeColumn: event_time\n",
                "    - kind: Seed\n      datasetId: did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4\n"
                        + "      datasetKind: Root\n");
        assertThatThrownBy(() -> ManifestParser.parse(manifest, "seed.yaml"))
                .hasMessage("seed.yaml:35:7: content.metadata[1]: Seed events are written by Weft itself and are not "
                        + "allowed in a manifest");
    }

    @Test
    void invalidDidInTransformInputNamesTheField() {
        final String manifest = """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: totals
                  kind: Derivative
                  metadata:
                    - kind: SetTransform
                      inputs:
                        - datasetRef: did:odf:fed01zz
                      transform:
                        kind: Sql
                        engine: datafusion
                        query: SELECT 1
                """;
        assertThatThrownBy(() -> ManifestParser.parse(manifest, "did.yaml"))
                .hasMessageStartingWith("did.yaml:9:23: content.metadata[0].inputs[0].datasetRef: invalid dataset id 'did:odf:fed01zz'");
    }

    @Test
    void invalidTimestampNamesTheField() {
        final String block = BlockYamlWriter.write(new dev.weft.odf.model.MetadataBlock(
                java.time.Instant.EPOCH, null, 0, new SetInfo("x", null)));
        assertThatThrownBy(() -> BlockYamlReader.read(block.replace("1970-01-01T00:00:00Z", "yesterday"), "b.yaml"))
                .hasMessage("b.yaml:4:15: content.systemTime: expected an RFC 3339 timestamp like 2020-01-01T12:00:00Z, "
                        + "found 'yesterday'");
    }
}
