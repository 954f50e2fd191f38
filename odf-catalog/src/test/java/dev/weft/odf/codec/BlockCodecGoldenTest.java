package dev.weft.odf.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.CompressionFormat;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.ExecuteTransformInput;
import dev.weft.odf.model.ExtraAttributes;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.RawArrowSchema;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SourceCaching;
import dev.weft.odf.model.SourceOrdering;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import dev.weft.odf.testing.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the codec against the 24 golden block files and the contents listed in TEST_VECTORS.md §3. */
class BlockCodecGoldenTest {
    private static final Instant NOON = Instant.parse("2020-01-01T12:00:00Z");
    private static final DatasetId INPUT1 =
            DatasetId.parse("did:odf:fed01816ef0a9abe93aba816ef0a9abe93aba90e6065747170300c0d3d30c2cd8d7a4");
    private static final DatasetId INPUT2 =
            DatasetId.parse("did:odf:fed01826ef0a9abea3a3a826ef0a9abea3a3a90e6065747270300c1d3b30a2cd9d724");

    static Stream<Arguments> goldenFiles() throws IOException {
        final Path root = SharedReference.odf().resolve("golden-blocks");
        return Stream.of("v2", "v3").flatMap(version -> {
            try (Stream<Path> files = Files.list(root.resolve(version))) {
                return files.sorted().map(f -> Arguments.of(version, f)).toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void thereAreTwelveGoldenBlocksPerVersion() throws IOException {
        assertThat(goldenFiles().filter(a -> a.get()[0].equals("v2"))).hasSize(12);
        assertThat(goldenFiles().filter(a -> a.get()[0].equals("v3"))).hasSize(12);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("goldenFiles")
    void goldenBlockDecodesAndReencodesToTheSameBytes(String folder, Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        assertThat(Multihash.sha3(bytes).toMultibase()).isEqualTo(file.getFileName().toString());

        final BlockCodec.DecodedBlock decoded = BlockCodec.decode(bytes);

        assertThat(decoded.manifestVersion()).isEqualTo(folder.equals("v2") ? 2 : 3);
        assertThat(decoded.block().systemTime()).isEqualTo(NOON);
        assertThat(decoded.block().prevBlockHash()).isEqualTo(mh("prev"));
        assertThat(decoded.block().sequenceNumber()).isEqualTo(117);
        assertThat(BlockCodec.encode(decoded.block(), decoded.manifestVersion())).isEqualTo(bytes);
    }

    @Test
    void case0EmptyAddDataMatchesTheListedHex() {
        final byte[] bytes = BlockCodec.encode(block(new AddData(null, null, null, null, null, null, null)));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "140000000000000000000a0018000c00080004000a0000001400000003000000000040000000000000000000"
                        + "700000001400000000000e002c001c0018000c000b0004000e0000002c000000000000017500000000000000"
                        + "000000001c000000e407000001000000c0a800000000000004000400040000002200000016209eb949bd8ff0"
                        + "bb1d827f11809aebc6bd0d5955c7f368469a913c70d1966202720000");
    }

    @Test
    void case3AddDataHasTheNewSlice() {
        final AddData event = (AddData) decodeCase(3, 3);
        assertThat(event.prevCheckpoint()).isEqualTo(mh("prev"));
        assertThat(event.prevOffset()).isEqualTo(9L);
        assertThat(event.newWatermark()).isEqualTo(NOON);
        assertThat(event.newData()).isEqualTo(
                new DataSlice(mh("logical"), mh("physical"), new OffsetInterval(10, 99), 100));
        assertThat(event.newData().offsetInterval().size()).isEqualTo(90);
        assertThat(event.newCheckpoint()).isNull();
        assertThat(event.extra()).isNull();
    }

    @Test
    void case4SetPollingSourceMatchesNoteA() {
        final SetPollingSource expected = new SetPollingSource(
                new FetchStep.FilesGlob(
                        "./*.csv", new EventTimeSource.FromMetadata(), new SourceCaching.Forever(),
                        SourceOrdering.BY_NAME),
                List.of(new PrepStep.Decompress(CompressionFormat.GZIP, null)),
                new ReadStep.GeoJson(List.of("a: INT", "b: INT"), null),
                new Transform.Sql("spark", "1.0.0", "SELECT * FROM input", null, null),
                new MergeStrategy.Ledger(List.of("a")));
        assertThat(decodeCase(4, 3)).isEqualTo(expected);
        assertThat(decodeCase(4, 2)).isEqualTo(expected);
        assertThat(BlockCodec.encode(block(expected))).isEqualTo(golden(4, 3));
    }

    @Test
    void case5ReadStepCarriesAnOdfSchema() {
        final SetPollingSource event = (SetPollingSource) decodeCase(5, 3);
        assertThat(event.read()).isEqualTo(new ReadStep.GeoJson(null, new DataSchema(List.of(
                new DataField("a", new DataType.Int32(), null), new DataField("b", new DataType.Int32(), null)),
                null)));
    }

    @Test
    void case7ExtraIsCanonicalJson() {
        final AddData event = (AddData) decodeCase(7, 3);
        assertThat(event.newSourceState())
                .isEqualTo(new SourceState("push-source-1", "kamu/kafka-offset", "SOME_OFFSET"));
        assertThat(event.extra().toJson())
                .isEqualTo("{\"opendatafabric.org/linkedObjects\":{\"numObjectsNaive\":10,\"sizeNaive\":100}}");
        assertThat(event.extra()).isEqualTo(ExtraAttributes.of(Map.of(
                "opendatafabric.org/linkedObjects", Map.of("sizeNaive", 100, "numObjectsNaive", 10L))));
    }

    @Test
    void case8SetTransformKeepsDatasetRefsAsStrings() {
        assertThat(decodeCase(8, 3)).isEqualTo(new SetTransform(
                List.of(new TransformInput(INPUT1.toDidString(), "input1"), new TransformInput("input2", "input2")),
                new Transform.Sql("spark", null, "SELECT * FROM input1 UNION ALL SELECT * FROM input2", null, null)));
    }

    @Test
    void case9ExecuteTransformHasQueryInputs() {
        final ExecuteTransform expected = new ExecuteTransform(
                List.of(new ExecuteTransformInput(INPUT1, mh("a"), mh("b"), 9L, 20L),
                        new ExecuteTransformInput(INPUT2, mh("a"), mh("b"), null, null)),
                mh("checkpoint"),
                9L,
                new DataSlice(mh("foo"), mh("bar"), new OffsetInterval(10, 19), 10),
                null,
                NOON);
        assertThat(decodeCase(9, 3)).isEqualTo(expected);
        assertThat(BlockCodec.encode(block(expected), 2)).isEqualTo(golden(9, 2));
    }

    @Test
    void case10SetDataSchemaHasOdfFields() {
        final SetDataSchema event = (SetDataSchema) decodeCase(10, 3);
        assertThat(event.rawArrowSchema()).isNull();
        assertThat(event.schema()).isEqualTo(new DataSchema(
                List.of(
                        new DataField("city", new DataType.String(), ExtraAttributes.parse(
                                "{\"arrow.apache.org/bufferEncoding\":{\"kind\":\"View\",\"offsetBitWidth\":32}}")),
                        new DataField("population", new DataType.UInt64(), null),
                        new DataField("census", new DataType.Option(new DataType.String()), ExtraAttributes.parse(
                                "{\"opendatafabric.org/type\":{\"kind\":\"ObjectLink\","
                                        + "\"linkType\":{\"kind\":\"Multihash\"}}}")),
                        new DataField("links", new DataType.List(new DataType.String(), null), null)),
                ExtraAttributes.parse("{\"kamu.dev/archetype\":\"Collection\"}")));
    }

    @Test
    void case11LegacySchemaKeepsTheRawArrowBytes() {
        final SetDataSchema event = (SetDataSchema) decodeCase(11, 3);
        assertThat(event.schema()).isNull();
        assertThat(event.rawArrowSchema()).isEqualTo(RawArrowSchema.of(Base64.getDecoder().decode(
                "DAAAAAgACAAAAAQACAAAAAQAAAACAAAAQAAAAAQAAADY////GAAAAAwAAAAAAAAGEAAAAAAAAAAEAAQABAAAAAEAAABiAAAAEAAU"
                        + "ABAAAAAPAAQAAAAIABAAAAAYAAAAIAAAAAAAAAIcAAAACAAMAAQACwAIAAAAQAAAAAAAAAEAAAAAAQAAAGEAAAA=")));
    }

    @Test
    void derivedSeedHashesMatch() {
        final MetadataBlock root = new MetadataBlock(NOON, null, 0, new Seed(INPUT1, DatasetKind.ROOT));
        final MetadataBlock derivative = new MetadataBlock(NOON, null, 0, new Seed(INPUT1, DatasetKind.DERIVATIVE));
        assertThat(Multihash.sha3(BlockCodec.encode(root)).toMultibase())
                .isEqualTo("f16209f1d0db68801186367fddd9ac765ad35bdd785bd3c24173f3c765db87d915f66");
        assertThat(Multihash.sha3(BlockCodec.encode(derivative)).toMultibase())
                .isEqualTo("f1620edd54bdcfab94533e270bd13d848ea938c1b1b162c1057e4be6c94cc025df1a1");
        assertThat(BlockCodec.decode(BlockCodec.encode(derivative)).block()).isEqualTo(derivative);
    }

    private static final List<String> V3_HASHES = List.of(
            "a93874702479f83ddff1e7a660ca78085def333c86501b0d895fa3aec79c7189",
            "86aeb7dee0502b4886761de5e45b5111c0bc9e0fbfee02e3685487109305ef56",
            "d1b412dab2a6af53f3e1b183834557bbf1c4689e2fc9b92fc0d04741ef607ecc",
            "1fcf10cb843746c4c44e6c288e216995701aa073426fc4bebe14f1680f8ec6d1",
            "eb61498b7362d334131a8486a5ce4cc2638d7c1aa3e4da82a19cf834a77df718",
            "f96c90e9e9700819ba05d87f66b200a18a08404706ac62cde6d68bc350e73861",
            "9326dc5daab04877a9f006ff6b1636a8fa9dcec9615b54f741a1a90091eaf694",
            "54f64c642cca6f67416ebe2b29e5d9414ece91f819efe97cd437fbe542c61bbb",
            "bb6aa1f9689b794c75affa709ae2477b209411d9ad092c2318ecd9ea94121bcc",
            "21cab7396525e614beeafe21c05a38bf597a39a191cc14147b9c5ec32210cf82",
            "80865248519d55fa04598e24ba42884728efe70956e640dca4df5ec8043c69ca",
            "a7e79d088ca7bac689f12d71ae64b93e7bab62a7db2fec83ea89e9bf90dd89ed");

    private static final List<String> V2_HASHES = List.of(
            "73e2977b8beae4aef53670067c1173b9d68e69721908d080b84286ab366d1e14",
            "32516689d582e02e77778af75a71b6d131a640d0bebed99b99d96b385cee915f",
            "1ad91cabca81e1f1771f28070980bfdcf409e5f8a877b3976b611401d2998189",
            "ec1d3f6aa39bb256fcae16d79a95705f614e26d9a86d393b6f9e6b19a60d0df6",
            "18cc1680b3d36f63358b59d469d76dcbf71ddac3ea66a693ce4158cfc5dfb28d",
            "39cfd70254179a7cdea4263f951b8acbdc2b8a20dc0c1c4c572ab6da2dd9b28a",
            "db5044313bbd596fb54bef9387ad61a18206d1e93e833db4d1159d20cd3cac58",
            "00b4cf8b3b22ff71931696f13cc5c06f80eb3360b6d7dccdd3a3b4fb1b5d943c",
            "dc2ab3737792021b6794d3969315bb521701780c91548104f149906d98c8da70",
            "a955281dca303056a88e39291d17e045d88ecdafca3ef9e75b09b83169633b52",
            "33d0a65cfb9853f14830fc84e443767d9acfedd24d13c3c22bdc82f3be1b507f",
            "44d64d764fb207713407b9a761566409404c907f765993105608299cd6f5bebf");

    static byte[] golden(int testCase, int version) {
        final String hash = (version == 3 ? V3_HASHES : V2_HASHES).get(testCase);
        try {
            return Files.readAllBytes(
                    SharedReference.odf().resolve("golden-blocks/v" + version + "/f1620" + hash));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MetadataEvent decodeCase(int testCase, int version) {
        return BlockCodec.decode(golden(testCase, version)).block().event();
    }

    private static MetadataBlock block(MetadataEvent event) {
        return new MetadataBlock(NOON, mh("prev"), 117, event);
    }

    private static Multihash mh(String text) {
        return Multihash.sha3(text.getBytes(StandardCharsets.US_ASCII));
    }
}
