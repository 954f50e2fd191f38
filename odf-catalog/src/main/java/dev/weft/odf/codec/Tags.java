package dev.weft.odf.codec;

import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.Attachments;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetAttachments;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.model.SetLicense;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.SourceCaching;
import dev.weft.odf.model.Transform;
import java.util.List;

/**
 * FlatBuffers union tags of the model's variants: 1-based positions in the union declarations of
 * {@code opendatafabric.fbs}, with 0 meaning absent.
 */
final class Tags {
    static final List<Class<? extends MetadataEvent>> EVENTS = List.of(
            AddData.class,
            ExecuteTransform.class,
            Seed.class,
            SetPollingSource.class,
            SetTransform.class,
            SetVocab.class,
            SetAttachments.class,
            SetInfo.class,
            SetLicense.class,
            SetDataSchema.class,
            AddPushSource.class,
            DisablePushSource.class,
            DisablePollingSource.class);

    static final List<Class<? extends ReadStep>> READ_STEPS = List.of(
            ReadStep.Csv.class,
            ReadStep.GeoJson.class,
            ReadStep.EsriShapefile.class,
            ReadStep.Parquet.class,
            ReadStep.Json.class,
            ReadStep.NdJson.class,
            ReadStep.NdGeoJson.class);

    static final List<Class<? extends DataType>> DATA_TYPES = List.of(
            DataType.Binary.class,
            DataType.Bool.class,
            DataType.Date.class,
            DataType.Decimal.class,
            DataType.Duration.class,
            DataType.Float16.class,
            DataType.Float32.class,
            DataType.Float64.class,
            DataType.Int8.class,
            DataType.Int16.class,
            DataType.Int32.class,
            DataType.Int64.class,
            DataType.UInt8.class,
            DataType.UInt16.class,
            DataType.UInt32.class,
            DataType.UInt64.class,
            DataType.List.class,
            DataType.Map.class,
            DataType.Null.class,
            DataType.Option.class,
            DataType.Struct.class,
            DataType.Time.class,
            DataType.Timestamp.class,
            DataType.String.class);

    static final List<Class<? extends MergeStrategy>> MERGE_STRATEGIES = List.of(
            MergeStrategy.Append.class,
            MergeStrategy.Ledger.class,
            MergeStrategy.Snapshot.class,
            MergeStrategy.ChangelogStream.class,
            MergeStrategy.UpsertStream.class);

    static final List<Class<? extends FetchStep>> FETCH_STEPS = List.of(
            FetchStep.Url.class,
            FetchStep.FilesGlob.class,
            FetchStep.Container.class,
            FetchStep.Mqtt.class,
            FetchStep.EthereumLogs.class);

    static final List<Class<? extends EventTimeSource>> EVENT_TIME_SOURCES = List.of(
            EventTimeSource.FromMetadata.class, EventTimeSource.FromPath.class, EventTimeSource.FromSystemTime.class);

    static final List<Class<? extends PrepStep>> PREP_STEPS = List.of(PrepStep.Decompress.class, PrepStep.Pipe.class);

    private Tags() {}

    static int event(MetadataEvent event) {
        return tagOf(EVENTS, event);
    }

    static int readStep(ReadStep step) {
        return tagOf(READ_STEPS, step);
    }

    static int dataType(DataType type) {
        return tagOf(DATA_TYPES, type);
    }

    static int mergeStrategy(MergeStrategy merge) {
        return tagOf(MERGE_STRATEGIES, merge);
    }

    static int fetchStep(FetchStep fetch) {
        return tagOf(FETCH_STEPS, fetch);
    }

    static int eventTimeSource(EventTimeSource source) {
        return tagOf(EVENT_TIME_SOURCES, source);
    }

    static int prepStep(PrepStep step) {
        return tagOf(PREP_STEPS, step);
    }

    static int transform(Transform transform) {
        return transform == null ? 0 : 1;
    }

    static int sourceCaching(SourceCaching caching) {
        return caching == null ? 0 : 1;
    }

    static int attachments(Attachments attachments) {
        return attachments == null ? 0 : 1;
    }

    private static int tagOf(List<? extends Class<?>> variants, Object value) {
        if (value == null) {
            return 0;
        }
        final int index = variants.indexOf(value.getClass());
        if (index < 0) {
            throw new IllegalArgumentException("no union tag for " + value.getClass().getName());
        }
        return index + 1;
    }
}
