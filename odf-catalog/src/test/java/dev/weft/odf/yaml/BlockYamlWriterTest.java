package dev.weft.odf.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.ExecuteTransformInput;
import dev.weft.odf.model.ExtraAttributes;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import dev.weft.odf.testing.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockYamlWriterTest {
    private static final Instant NOON = Instant.parse("2020-01-01T12:00:00Z");
    private static final DatasetId INPUT1 =
            DatasetId.parse("did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4");
    private static final DatasetId INPUT2 =
            DatasetId.parse("did:odf:fed01826ef0a9abea3a3a826ef0a9abea3a3a90e6065747270300c1d3b30a2cd9d724");

    @Test
    void executeTransformMatchesTheKamuRendering() {
        final ExecuteTransform event = new ExecuteTransform(
                List.of(new ExecuteTransformInput(INPUT1, mh("a"), mh("b"), 9L, 20L),
                        new ExecuteTransformInput(INPUT2, mh("a"), mh("b"), null, null)),
                mh("checkpoint"), 9L,
                new DataSlice(mh("foo"), mh("bar"), new OffsetInterval(10, 19), 10), null, NOON);
        assertThat(BlockYamlWriter.write(new MetadataBlock(NOON, mh("prev"), 127, event))).isEqualTo("""
                kind: MetadataBlock
                version: 3
                content:
                  systemTime: 2020-01-01T12:00:00Z
                  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272
                  sequenceNumber: 127
                  event:
                    kind: ExecuteTransform
                    queryInputs:
                    - datasetId: did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4
                      prevBlockHash: f162080084bf2fba02475726feb2cab2d8215eab14bc6bdd8bfb2c8151257032ecd8b
                      newBlockHash: f1620b039179a8a4ce2c252aa6f2f25798251c19b75fc1508d9d511a191e0487d64a7
                      prevOffset: 9
                      newOffset: 20
                    - datasetId: did:odf:fed01826ef0a9abea3a3a826ef0a9abea3a3a90e6065747270300c1d3b30a2cd9d724
                      prevBlockHash: f162080084bf2fba02475726feb2cab2d8215eab14bc6bdd8bfb2c8151257032ecd8b
                      newBlockHash: f1620b039179a8a4ce2c252aa6f2f25798251c19b75fc1508d9d511a191e0487d64a7
                    prevCheckpoint: f1620894b355f91b194f31c1116dcec200b68d5cfd90a3df19032829fa643bc711fcb
                    prevOffset: 9
                    newData:
                      logicalHash: f162076d3bc41c9f588f7fcd0d5bf4718f8f84b1c41b20882703100b9eb9413807c01
                      physicalHash: f1620cceefd7e0545bcf8b6d19f3b5750c8a3ee8350418877bc6fb12e32de28137355
                      offsetInterval:
                        start: 10
                        end: 19
                      size: 10
                    newWatermark: 2020-01-01T12:00:00Z
                """);
    }

    @Test
    void setDataSchemaMatchesTheKamuRendering() {
        final DataSchema schema = new DataSchema(List.of(
                new DataField("city", new DataType.String(), ExtraAttributes.of(Map.of(
                        "arrow.apache.org/bufferEncoding", Map.of("kind", "View", "offsetBitWidth", 32)))),
                new DataField("population", new DataType.UInt64(), null),
                new DataField("census", new DataType.Option(new DataType.String()), ExtraAttributes.of(Map.of(
                        "opendatafabric.org/type", Map.of("kind", "ObjectLink", "linkType", Map.of("kind", "Multihash"))))),
                new DataField("links", new DataType.List(new DataType.String(), null), null)),
                ExtraAttributes.of(Map.of("kamu.dev/archetype", "Collection")));
        assertThat(BlockYamlWriter.write(new MetadataBlock(NOON, mh("prev"), 123, new SetDataSchema(null, schema))))
                .isEqualTo("""
                kind: MetadataBlock
                version: 3
                content:
                  systemTime: 2020-01-01T12:00:00Z
                  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272
                  sequenceNumber: 123
                  event:
                    kind: SetDataSchema
                    schema:
                      fields:
                      - name: city
                        type:
                          kind: String
                        extra:
                          arrow.apache.org/bufferEncoding:
                            kind: View
                            offsetBitWidth: 32
                      - name: population
                        type:
                          kind: UInt64
                      - name: census
                        type:
                          kind: Option
                          inner:
                            kind: String
                        extra:
                          opendatafabric.org/type:
                            kind: ObjectLink
                            linkType:
                              kind: Multihash
                      - name: links
                        type:
                          kind: List
                          itemType:
                            kind: String
                      extra:
                        kamu.dev/archetype: Collection
                """);
    }

    @Test
    void multiLineQueriesBecomeLiteralBlocksAndReadBack() {
        final MetadataBlock block = new MetadataBlock(NOON, mh("prev"), 1, new SetTransform(
                List.of(new TransformInput("shop.orders", null)),
                new Transform.Sql("datafusion", null, "SELECT a,\n  b: c # not a comment\nFROM \"x\"\n", null, null)));
        final String yaml = BlockYamlWriter.write(block);
        assertThat(yaml).contains("      query: |\n        SELECT a,\n          b: c # not a comment\n");
        assertThat(BlockYamlReader.read(yaml, "t.yaml")).isEqualTo(block);
    }

    @Test
    void stringsThatYamlWouldMisreadAreQuoted() {
        final MetadataBlock block = new MetadataBlock(NOON, null, 0, new dev.weft.odf.model.SetInfo(
                "key: value", List.of("true", "123", "-x", "", "#tag", "é ok", " lead", "tab\there")));
        final String yaml = BlockYamlWriter.write(block);
        assertThat(yaml).contains("description: \"key: value\"", "- \"true\"", "- \"123\"", "- \"-x\"", "- \"\"",
                "- \"#tag\"", "- é ok", "- \" lead\"", "- \"tab\\there\"");
        assertThat(BlockYamlReader.read(yaml, "t.yaml")).isEqualTo(block);
    }

    static Stream<Path> goldenBlocks() throws IOException {
        final Path golden = SharedReference.odf().resolve("golden-blocks");
        return Stream.concat(Files.list(golden.resolve("v2")), Files.list(golden.resolve("v3"))).sorted();
    }

    @ParameterizedTest
    @MethodSource("goldenBlocks")
    void everyGoldenBlockRendersAndReadsBackEqual(Path file) throws IOException {
        final MetadataBlock block = BlockCodec.decode(Files.readAllBytes(file)).block();
        final String yaml = BlockYamlWriter.write(block);
        assertThat(BlockYamlReader.read(yaml, file.getFileName().toString())).isEqualTo(block);
    }

    @Test
    void goldenPollingSourceBlockRendersEveryStepTagged() throws IOException {
        final Path file = SharedReference.odf().resolve("golden-blocks/v3")
                .resolve("f1620eb61498b7362d334131a8486a5ce4cc2638d7c1aa3e4da82a19cf834a77df718");
        final MetadataBlock block = BlockCodec.decode(Files.readAllBytes(file)).block();

        assertThat(BlockYamlWriter.write(block)).isEqualTo("""
                kind: MetadataBlock
                version: 3
                content:
                  systemTime: 2020-01-01T12:00:00Z
                  prevBlockHash: f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272
                  sequenceNumber: 117
                  event:
                    kind: SetPollingSource
                    fetch:
                      kind: FilesGlob
                      path: ./*.csv
                      eventTime:
                        kind: FromMetadata
                      cache:
                        kind: Forever
                      order: ByName
                    prepare:
                    - kind: Decompress
                      format: Gzip
                    read:
                      kind: GeoJson
                      ddlSchema:
                      - "a: INT"
                      - "b: INT"
                    preprocess:
                      kind: Sql
                      engine: spark
                      version: 1.0.0
                      query: SELECT * FROM input
                    merge:
                      kind: Ledger
                      primaryKey:
                      - a
                """);
    }

    @Test
    void unsignedValuesAreWrittenAndReadUnsigned() {
        final MetadataBlock block = new MetadataBlock(NOON, null, -1L, new dev.weft.odf.model.AddData(null, -2L,
                new DataSlice(mh("foo"), mh("bar"), new OffsetInterval(Long.MIN_VALUE, -1L), 10), null, null, null, null));
        final String yaml = BlockYamlWriter.write(block);

        assertThat(yaml).contains("sequenceNumber: 18446744073709551615\n", "prevOffset: 18446744073709551614\n",
                "start: 9223372036854775808\n", "end: 18446744073709551615\n");
        assertThat(BlockYamlReader.read(yaml, "u64.yaml")).isEqualTo(block);
        assertThatThrownBy(() -> BlockYamlReader.read(yaml.replace("size: 10", "size: -10"), "u64.yaml"))
                .hasMessage("u64.yaml:15:13: content.event.newData.size: expected a non-negative integer up to "
                        + "18446744073709551615, found '-10'");
        assertThatThrownBy(() -> BlockYamlReader.read(yaml.replace("end: 18446744073709551615", "end: 18446744073709551616"),
                "u64.yaml")).hasMessageStartingWith("u64.yaml:14:14: content.event.newData.offsetInterval.end: expected a "
                        + "non-negative integer");
    }

    @Test
    void unsupportedBlockVersionsAreRejected() {
        final String yaml = BlockYamlWriter.write(new MetadataBlock(NOON, null, 0, new dev.weft.odf.model.SetInfo("x", null)));
        assertThatThrownBy(() -> BlockYamlReader.read(yaml.replace("version: 3", "version: 1"), "old.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("old.yaml:2:10: version: unsupported MetadataBlock version 1 (supported: 2 to 3)");
        assertThatThrownBy(() -> BlockYamlReader.read(yaml.replace("version: 3", "version: 4"), "new.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("new.yaml:2:10: version: unsupported MetadataBlock version 4 (supported: 2 to 3)");
        assertThatThrownBy(() -> BlockYamlReader.read(yaml.replace("kind: MetadataBlock", "kind: DatasetSnapshot"), "k.yaml"))
                .hasMessage("k.yaml:1:7: kind: expected kind MetadataBlock, found 'DatasetSnapshot'");
    }

    private static Multihash mh(String text) {
        return Multihash.sha3(text.getBytes(StandardCharsets.US_ASCII));
    }
}
