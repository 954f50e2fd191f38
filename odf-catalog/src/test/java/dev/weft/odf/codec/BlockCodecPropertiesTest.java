package dev.weft.odf.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetPollingSource;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Round-trip properties of {@link BlockCodec} over generated blocks covering every event and union variant. */
class BlockCodecPropertiesTest {
    private static final List<String> EVENT_KINDS = Tags.EVENTS.stream().map(Class::getSimpleName).toList();

    @Provide
    Arbitrary<MetadataBlock> blocks() {
        return ModelArbitraries.blocks();
    }

    @Property(tries = 1500)
    void encodeThenDecodeGivesTheSameBlock(
            @ForAll("blocks") MetadataBlock block, @ForAll @IntRange(min = 2, max = 3) int version) {
        final BlockCodec.DecodedBlock decoded = BlockCodec.decode(BlockCodec.encode(block, version));

        assertThat(decoded.manifestVersion()).isEqualTo(version);
        assertThat(decoded.block()).isEqualTo(block);
        Statistics.label("event").collect(block.event().kind());
        Statistics.label("event").coverage(coverage -> {
            for (String kind : EVENT_KINDS) {
                coverage.check(kind).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 1000)
    void encodeDecodeEncodeIsByteIdentical(
            @ForAll("blocks") MetadataBlock block, @ForAll @IntRange(min = 2, max = 3) int version) {
        final byte[] bytes = BlockCodec.encode(block, version);

        assertThat(BlockCodec.encode(BlockCodec.decode(bytes).block(), version)).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void everyEventKindHasItsOwnUnionTag(@ForAll("events") MetadataEvent event) {
        assertThat(Tags.event(event)).isEqualTo(EVENT_KINDS.indexOf(event.kind()) + 1);
    }

    @Property(tries = 800)
    void everySourceVariantRoundTrips(
            @ForAll("fetchSteps") FetchStep fetch,
            @ForAll("prepSteps") PrepStep prep,
            @ForAll("readSteps") ReadStep read,
            @ForAll("mergeStrategies") MergeStrategy merge,
            @ForAll @IntRange(min = 2, max = 3) int version) {
        final MetadataBlock block = new MetadataBlock(
                Instant.EPOCH, null, 1, new SetPollingSource(fetch, List.of(prep), read, null, merge));

        assertThat(BlockCodec.decode(BlockCodec.encode(block, version)).block()).isEqualTo(block);
        cover("fetch", fetch.kind(), Tags.FETCH_STEPS);
        cover("prepare", prep.kind(), Tags.PREP_STEPS);
        cover("read", read.kind(), Tags.READ_STEPS);
        cover("merge", merge.kind(), Tags.MERGE_STRATEGIES);
    }

    @Property(tries = 2000)
    void everyDataTypeRoundTrips(@ForAll("dataTypes") DataType type, @ForAll @IntRange(min = 2, max = 3) int version) {
        final MetadataBlock block = new MetadataBlock(Instant.EPOCH, null, 1,
                new SetDataSchema(null, new DataSchema(List.of(new DataField("f", type, null)), null)));

        assertThat(BlockCodec.decode(BlockCodec.encode(block, version)).block()).isEqualTo(block);
        cover("type", type.kind(), Tags.DATA_TYPES);
    }

    private static void cover(String label, String kind, List<? extends Class<?>> variants) {
        Statistics.label(label).collect(kind);
        Statistics.label(label).coverage(coverage -> {
            for (Class<?> variant : variants) {
                coverage.check(variant.getSimpleName()).count(n -> n > 0);
            }
        });
    }

    @Provide
    Arbitrary<FetchStep> fetchSteps() {
        return ModelArbitraries.fetchSteps();
    }

    @Provide
    Arbitrary<PrepStep> prepSteps() {
        return ModelArbitraries.prepSteps();
    }

    @Provide
    Arbitrary<ReadStep> readSteps() {
        return ModelArbitraries.readSteps();
    }

    @Provide
    Arbitrary<MergeStrategy> mergeStrategies() {
        return ModelArbitraries.mergeStrategies();
    }

    @Provide
    Arbitrary<DataType> dataTypes() {
        return ModelArbitraries.dataTypes();
    }

    @Provide
    Arbitrary<MetadataEvent> events() {
        return ModelArbitraries.events();
    }
}
