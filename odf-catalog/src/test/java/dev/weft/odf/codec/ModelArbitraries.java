package dev.weft.odf.codec;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.AttachmentEmbedded;
import dev.weft.odf.model.Attachments;
import dev.weft.odf.model.Checkpoint;
import dev.weft.odf.model.CompressionFormat;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.EnvVar;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.ExecuteTransformInput;
import dev.weft.odf.model.ExtraAttributes;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.MqttQos;
import dev.weft.odf.model.MqttTopicSubscription;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.RawArrowSchema;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.RequestHeader;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetAttachments;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.model.SetLicense;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.SourceCaching;
import dev.weft.odf.model.SourceOrdering;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.SqlQueryStep;
import dev.weft.odf.model.TemporalTable;
import dev.weft.odf.model.TimeUnit;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every model type, with absent (null) and empty values included. */
public final class ModelArbitraries {
    private ModelArbitraries() {}

    public static Arbitrary<MetadataBlock> blocks() {
        return Combinators.combine(instants(), optional(hashes()), Arbitraries.longs(), events())
                .as(MetadataBlock::new);
    }

    static Arbitrary<MetadataEvent> events() {
        return Arbitraries.oneOf(
                addData(),
                executeTransform(),
                Combinators.combine(datasetIds(), Arbitraries.of(DatasetKind.class)).as(Seed::new),
                setPollingSource(),
                Combinators.combine(transformInputs().list().ofMaxSize(3), transforms()).as(SetTransform::new),
                Combinators.combine(optString(), optString(), optString(), optString()).as(SetVocab::new),
                attachments().map(SetAttachments::new),
                Combinators.combine(optString(), optStrings()).as(SetInfo::new),
                Combinators.combine(text(), text(), optString(), text()).as(SetLicense::new),
                Combinators.combine(optional(rawArrowSchemas()), optional(schemas())).as(SetDataSchema::new),
                Combinators.combine(text(), readSteps(), optional(transforms()), mergeStrategies())
                        .as(AddPushSource::new),
                text().map(DisablePushSource::new),
                Arbitraries.just(new DisablePollingSource()));
    }

    private static Arbitrary<MetadataEvent> addData() {
        return Combinators.combine(
                        optional(hashes()),
                        optional(Arbitraries.longs()),
                        optional(dataSlices()),
                        optional(checkpoints()),
                        optional(instants()),
                        optional(Combinators.combine(text(), text(), text()).as(SourceState::new)),
                        optional(extras()))
                .as(AddData::new);
    }

    private static Arbitrary<MetadataEvent> executeTransform() {
        final Arbitrary<ExecuteTransformInput> input = Combinators.combine(
                        datasetIds(),
                        optional(hashes()),
                        optional(hashes()),
                        optional(Arbitraries.longs()),
                        optional(Arbitraries.longs()))
                .as(ExecuteTransformInput::new);
        return Combinators.combine(
                        input.list().ofMaxSize(3),
                        optional(hashes()),
                        optional(Arbitraries.longs()),
                        optional(dataSlices()),
                        optional(checkpoints()),
                        optional(instants()))
                .as(ExecuteTransform::new);
    }

    private static Arbitrary<MetadataEvent> setPollingSource() {
        return Combinators.combine(
                        fetchSteps(),
                        optional(prepSteps().list().ofMaxSize(3)),
                        readSteps(),
                        optional(transforms()),
                        mergeStrategies())
                .as(SetPollingSource::new);
    }

    static Arbitrary<FetchStep> fetchSteps() {
        final Arbitrary<EventTimeSource> eventTime = optional(Arbitraries.oneOf(
                Arbitraries.just(new EventTimeSource.FromMetadata()),
                Combinators.combine(text(), optString()).as(EventTimeSource.FromPath::new),
                Arbitraries.just(new EventTimeSource.FromSystemTime())));
        final Arbitrary<SourceCaching> cache = optional(Arbitraries.just(new SourceCaching.Forever()));
        return Arbitraries.oneOf(
                Combinators.combine(
                                text(),
                                eventTime,
                                cache,
                                optional(Combinators.combine(text(), text()).as(RequestHeader::new)
                                        .list().ofMaxSize(2)))
                        .as(FetchStep.Url::new),
                Combinators.combine(text(), eventTime, cache, optional(Arbitraries.of(SourceOrdering.class)))
                        .as(FetchStep.FilesGlob::new),
                Combinators.combine(
                                text(),
                                optStrings(),
                                optStrings(),
                                optional(Combinators.combine(text(), optString()).as(EnvVar::new)
                                        .list().ofMaxSize(2)))
                        .as(FetchStep.Container::new),
                Combinators.combine(
                                text(),
                                Arbitraries.integers(),
                                optString(),
                                optString(),
                                Combinators.combine(text(), optional(Arbitraries.of(MqttQos.class)))
                                        .as(MqttTopicSubscription::new).list().ofMaxSize(2))
                        .as(FetchStep.Mqtt::new),
                Combinators.combine(optional(Arbitraries.longs()), optString(), optString(), optString())
                        .as(FetchStep.EthereumLogs::new));
    }

    static Arbitrary<PrepStep> prepSteps() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(CompressionFormat.class), optString()).as(PrepStep.Decompress::new),
                text().list().ofMaxSize(3).map(PrepStep.Pipe::new));
    }

    static Arbitrary<ReadStep> readSteps() {
        final Arbitrary<List<String>> ddl = optStrings();
        final Arbitrary<DataSchema> schema = optional(schemas());
        final Arbitrary<List<String>> seven = optString().list().ofSize(7);
        final Arbitrary<Boolean> bool = optional(Arbitraries.of(true, false));
        return Arbitraries.oneOf(
                Combinators.combine(ddl, seven, bool, bool, schema).as((d, s, header, infer, sc) -> new ReadStep.Csv(
                        d, s.get(0), s.get(1), s.get(2), s.get(3), header, infer, s.get(4), s.get(5), s.get(6), sc)),
                Combinators.combine(ddl, schema).as(ReadStep.GeoJson::new),
                Combinators.combine(ddl, optString(), schema).as(ReadStep.EsriShapefile::new),
                Combinators.combine(ddl, schema).as(ReadStep.Parquet::new),
                Combinators.combine(optString(), ddl, optString(), optString(), optString(), schema)
                        .as(ReadStep.Json::new),
                Combinators.combine(ddl, optString(), optString(), optString(), schema).as(ReadStep.NdJson::new),
                Combinators.combine(ddl, schema).as(ReadStep.NdGeoJson::new));
    }

    static Arbitrary<Transform> transforms() {
        return Combinators.combine(
                        text(),
                        optString(),
                        optString(),
                        optional(Combinators.combine(optString(), text()).as(SqlQueryStep::new).list().ofMaxSize(2)),
                        optional(Combinators.combine(text(), text().list().ofMaxSize(2)).as(TemporalTable::new)
                                .list().ofMaxSize(2)))
                .as(Transform.Sql::new);
    }

    static Arbitrary<MergeStrategy> mergeStrategies() {
        final Arbitrary<List<String>> key = text().list().ofMaxSize(3);
        return Arbitraries.oneOf(
                Arbitraries.just(new MergeStrategy.Append()),
                key.map(MergeStrategy.Ledger::new),
                Combinators.combine(key, optStrings()).as(MergeStrategy.Snapshot::new),
                key.map(MergeStrategy.ChangelogStream::new),
                key.map(MergeStrategy.UpsertStream::new));
    }

    static Arbitrary<Attachments> attachments() {
        return Combinators.combine(text(), text()).as(AttachmentEmbedded::new).list().ofMaxSize(2)
                .map(Attachments.Embedded::new);
    }

    static Arbitrary<TransformInput> transformInputs() {
        return Combinators.combine(text(), optString()).as(TransformInput::new);
    }

    static Arbitrary<DataSchema> schemas() {
        return Combinators.combine(fields(dataTypes()).list().ofMaxSize(3), optional(extras())).as(DataSchema::new);
    }

    private static Arbitrary<DataField> fields(Arbitrary<DataType> types) {
        return Combinators.combine(text(), types, optional(extras())).as(DataField::new);
    }

    static Arbitrary<DataType> dataTypes() {
        return Arbitraries.recursive(ModelArbitraries::leafTypes, ModelArbitraries::nestedTypes, 0, 2);
    }

    private static Arbitrary<DataType> leafTypes() {
        final Arbitrary<TimeUnit> unit = optional(Arbitraries.of(TimeUnit.class));
        final List<Arbitrary<? extends DataType>> choices = new ArrayList<>(List.of(
                optional(Arbitraries.longs()).map(DataType.Binary::new),
                Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.integers())
                        .as(DataType.Decimal::new),
                unit.map(DataType.Duration::new),
                unit.map(DataType.Time::new),
                Combinators.combine(unit, optString()).as(DataType.Timestamp::new)));
        // One choice per field-less type, so that each of them is drawn as often as the others.
        for (DataType empty : List.of(
                new DataType.Bool(),
                new DataType.Date(),
                new DataType.Float16(),
                new DataType.Float32(),
                new DataType.Float64(),
                new DataType.Int8(),
                new DataType.Int16(),
                new DataType.Int32(),
                new DataType.Int64(),
                new DataType.UInt8(),
                new DataType.UInt16(),
                new DataType.UInt32(),
                new DataType.UInt64(),
                new DataType.Null(),
                new DataType.String())) {
            choices.add(Arbitraries.just(empty));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<DataType> nestedTypes(Arbitrary<DataType> inner) {
        return Arbitraries.oneOf(
                Combinators.combine(inner, optional(Arbitraries.longs())).as(DataType.List::new),
                Combinators.combine(inner, inner, optional(Arbitraries.of(true, false))).as(DataType.Map::new),
                inner.map(DataType.Option::new),
                fields(inner).list().ofMaxSize(2).map(DataType.Struct::new));
    }

    static Arbitrary<ExtraAttributes> extras() {
        return Arbitraries.maps(text(), jsonValues(2)).ofMaxSize(3).map(ExtraAttributes::of);
    }

    private static Arbitrary<Object> jsonValues(int depth) {
        final Arbitrary<Object> scalar = Arbitraries.oneOf(
                text().map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        final Arbitrary<Object> nested = jsonValues(depth - 1);
        return Arbitraries.oneOf(
                scalar,
                nested.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(text(), nested).ofMaxSize(3).map(m -> (Object) new HashMap<String, Object>(m)));
    }

    static Arbitrary<DataSlice> dataSlices() {
        return Combinators.combine(
                        logicalHashes(),
                        hashes(),
                        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(OffsetInterval::new),
                        Arbitraries.longs())
                .as(DataSlice::new);
    }

    static Arbitrary<Checkpoint> checkpoints() {
        return Combinators.combine(hashes(), Arbitraries.longs()).as(Checkpoint::new);
    }

    static Arbitrary<Multihash> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(d -> Multihash.of(Multihash.SHA3_256, d));
    }

    private static Arbitrary<Multihash> logicalHashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(d -> Multihash.of(Multihash.ARROW0_SHA3_256, d));
    }

    static Arbitrary<DatasetId> datasetIds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(DatasetId::ofPublicKey);
    }

    static Arbitrary<RawArrowSchema> rawArrowSchemas() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(RawArrowSchema::of);
    }

    /** Instants from year 1 to 9999 with nanoseconds, the range ODF timestamps are used for. */
    static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    /** Non-null strings, empty included, with non-ASCII characters. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '"', '\\', '\n', 'é', '✓', '/')
                .ofMaxLength(8);
    }

    private static Arbitrary<String> optString() {
        return optional(text());
    }

    private static Arbitrary<List<String>> optStrings() {
        return optional(text().list().ofMaxSize(3));
    }

    private static <T> Arbitrary<T> optional(Arbitrary<T> arbitrary) {
        return arbitrary.injectNull(0.3);
    }
}
