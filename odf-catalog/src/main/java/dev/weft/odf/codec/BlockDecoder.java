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
import java.util.List;

/** Reads the {@code MetadataBlock} flatbuffer into model records, failing with CORRUPTED on anything unexpected. */
final class BlockDecoder {
    private BlockDecoder() {}

    static MetadataBlock decodeBlock(byte[] content) {
        final FlatTable t = FlatTable.root(content, "MetadataBlock");
        return new MetadataBlock(
                t.required(t.timestamp(0, "system_time"), "system_time"),
                hash(t, 1, "prev_block_hash"),
                t.u64(2, 0L),
                t.required(event(t, 3, "event"), "event"));
    }

    private static MetadataEvent event(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "MetadataEvent", tag, Tags.EVENTS.size());
        switch (tag) {
            case 1:
                return new AddData(
                        hash(t, 0, "prev_checkpoint"),
                        t.optionalU64(1),
                        dataSlice(t.table(2, "new_data")),
                        checkpoint(t.table(3, "new_checkpoint")),
                        t.timestamp(4, "new_watermark"),
                        sourceState(t.table(5, "new_source_state")),
                        extra(t.table(6, "extra")));
            case 2:
                return new ExecuteTransform(
                        t.required(t.tables(0, "query_inputs", BlockDecoder::executeTransformInput), "query_inputs"),
                        hash(t, 1, "prev_checkpoint"),
                        t.optionalU64(2),
                        dataSlice(t.table(3, "new_data")),
                        checkpoint(t.table(4, "new_checkpoint")),
                        t.timestamp(5, "new_watermark"));
            case 3:
                return new Seed(
                        datasetId(t, 0, "dataset_id"),
                        enumValue(DatasetKind.values(), t.i32(1, 0), t, "dataset_kind"));
            case 4:
                return new SetPollingSource(
                        t.required(fetchStep(t, 0, "fetch"), "fetch"),
                        t.tables(2, "prepare", BlockDecoder::prepStepWrapper),
                        t.required(readStep(t, 3, "read"), "read"),
                        transform(t, 5, "preprocess"),
                        t.required(mergeStrategy(t, 7, "merge"), "merge"));
            case 5:
                return new SetTransform(
                        t.required(t.tables(0, "inputs", BlockDecoder::transformInput), "inputs"),
                        t.required(transform(t, 1, "transform"), "transform"));
            case 6:
                return new SetVocab(
                        t.string(0, "offset_column"),
                        t.string(1, "operation_type_column"),
                        t.string(2, "system_time_column"),
                        t.string(3, "event_time_column"));
            case 7:
                return new SetAttachments(t.required(attachments(t, 0, "attachments"), "attachments"));
            case 8:
                return new SetInfo(t.string(0, "description"), t.strings(1, "keywords"));
            case 9:
                return new SetLicense(
                        t.required(t.string(0, "short_name"), "short_name"),
                        t.required(t.string(1, "name"), "name"),
                        t.string(2, "spdx_id"),
                        t.required(t.string(3, "website_url"), "website_url"));
            case 10: {
                final byte[] raw = t.bytes(0, "raw_arrow_schema");
                final FlatTable schema = t.table(1, "schema");
                return new SetDataSchema(
                        raw == null ? null : RawArrowSchema.of(raw), schema == null ? null : dataSchema(schema));
            }
            case 11:
                return new AddPushSource(
                        t.required(t.string(0, "source_name"), "source_name"),
                        t.required(readStep(t, 1, "read"), "read"),
                        transform(t, 3, "preprocess"),
                        t.required(mergeStrategy(t, 5, "merge"), "merge"));
            case 12:
                return new DisablePushSource(t.required(t.string(0, "source_name"), "source_name"));
            default:
                return new DisablePollingSource();
        }
    }

    private static ExecuteTransformInput executeTransformInput(FlatTable t) {
        return new ExecuteTransformInput(
                datasetId(t, 0, "dataset_id"),
                hash(t, 1, "prev_block_hash"),
                hash(t, 2, "new_block_hash"),
                t.optionalU64(3),
                t.optionalU64(4));
    }

    private static DataSlice dataSlice(FlatTable t) {
        if (t == null) {
            return null;
        }
        final FlatTable interval = t.required(t.table(2, "offset_interval"), "offset_interval");
        return new DataSlice(
                t.required(hash(t, 0, "logical_hash"), "logical_hash"),
                t.required(hash(t, 1, "physical_hash"), "physical_hash"),
                new OffsetInterval(interval.u64(0, 0L), interval.u64(1, 0L)),
                t.u64(3, 0L));
    }

    private static Checkpoint checkpoint(FlatTable t) {
        if (t == null) {
            return null;
        }
        return new Checkpoint(t.required(hash(t, 0, "physical_hash"), "physical_hash"), t.u64(1, 0L));
    }

    private static SourceState sourceState(FlatTable t) {
        if (t == null) {
            return null;
        }
        return new SourceState(
                t.required(t.string(0, "source_name"), "source_name"),
                t.required(t.string(1, "kind"), "kind"),
                t.required(t.string(2, "value"), "value"));
    }

    private static ExtraAttributes extra(FlatTable t) {
        if (t == null) {
            return null;
        }
        final String json = t.required(t.string(0, "entries"), "entries");
        try {
            return ExtraAttributes.parse(json);
        } catch (IllegalArgumentException e) {
            throw FlatTable.corrupt(t.at("entries") + " is not a JSON object: " + e.getMessage());
        }
    }

    private static DataSchema dataSchema(FlatTable t) {
        return new DataSchema(
                t.required(t.tables(0, "fields", BlockDecoder::dataField), "fields"), extra(t.table(1, "extra")));
    }

    private static DataField dataField(FlatTable t) {
        return new DataField(
                t.required(t.string(0, "name"), "name"),
                t.required(dataType(t, 1, "type"), "type"),
                extra(t.table(3, "extra")));
    }

    private static DataType dataType(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "DataType", tag, Tags.DATA_TYPES.size());
        switch (tag) {
            case 1:
                return new DataType.Binary(t.optionalU64(0));
            case 2:
                return new DataType.Bool();
            case 3:
                return new DataType.Date();
            case 4:
                return new DataType.Decimal(Integer.toUnsignedLong(t.i32(0, 0)), t.i32(1, 0));
            case 5:
                return new DataType.Duration(timeUnit(t, 0, "unit"));
            case 6:
                return new DataType.Float16();
            case 7:
                return new DataType.Float32();
            case 8:
                return new DataType.Float64();
            case 9:
                return new DataType.Int8();
            case 10:
                return new DataType.Int16();
            case 11:
                return new DataType.Int32();
            case 12:
                return new DataType.Int64();
            case 13:
                return new DataType.UInt8();
            case 14:
                return new DataType.UInt16();
            case 15:
                return new DataType.UInt32();
            case 16:
                return new DataType.UInt64();
            case 17:
                return new DataType.List(t.required(dataType(t, 0, "item_type"), "item_type"), t.optionalU64(2));
            case 18:
                return new DataType.Map(
                        t.required(dataType(t, 0, "key_type"), "key_type"),
                        t.required(dataType(t, 2, "value_type"), "value_type"),
                        t.optionalBool(4));
            case 19:
                return new DataType.Null();
            case 20:
                return new DataType.Option(t.required(dataType(t, 0, "inner"), "inner"));
            case 21:
                return new DataType.Struct(t.required(t.tables(0, "fields", BlockDecoder::dataField), "fields"));
            case 22:
                return new DataType.Time(timeUnit(t, 0, "unit"));
            case 23:
                return new DataType.Timestamp(timeUnit(t, 0, "unit"), t.string(1, "timezone"));
            default:
                return new DataType.String();
        }
    }

    private static TimeUnit timeUnit(FlatTable t, int slot, String name) {
        final Short value = t.optionalI16(slot);
        return value == null ? null : enumValue(TimeUnit.values(), value, t, name);
    }

    private static ReadStep readStep(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "ReadStep", tag, Tags.READ_STEPS.size());
        switch (tag) {
            case 1:
                return new ReadStep.Csv(
                        t.strings(0, "ddl_schema"),
                        t.string(1, "separator"),
                        t.string(2, "encoding"),
                        t.string(3, "quote"),
                        t.string(4, "escape"),
                        t.optionalBool(5),
                        t.optionalBool(6),
                        t.string(7, "null_value"),
                        t.string(8, "date_format"),
                        t.string(9, "timestamp_format"),
                        optionalSchema(t, 10));
            case 2:
                return new ReadStep.GeoJson(t.strings(0, "ddl_schema"), optionalSchema(t, 1));
            case 3:
                return new ReadStep.EsriShapefile(
                        t.strings(0, "ddl_schema"), t.string(1, "sub_path"), optionalSchema(t, 2));
            case 4:
                return new ReadStep.Parquet(t.strings(0, "ddl_schema"), optionalSchema(t, 1));
            case 5:
                return new ReadStep.Json(
                        t.string(0, "sub_path"),
                        t.strings(1, "ddl_schema"),
                        t.string(2, "date_format"),
                        t.string(3, "encoding"),
                        t.string(4, "timestamp_format"),
                        optionalSchema(t, 5));
            case 6:
                return new ReadStep.NdJson(
                        t.strings(0, "ddl_schema"),
                        t.string(1, "date_format"),
                        t.string(2, "encoding"),
                        t.string(3, "timestamp_format"),
                        optionalSchema(t, 4));
            default:
                return new ReadStep.NdGeoJson(t.strings(0, "ddl_schema"), optionalSchema(t, 1));
        }
    }

    private static DataSchema optionalSchema(FlatTable t, int slot) {
        final FlatTable schema = t.table(slot, "schema");
        return schema == null ? null : dataSchema(schema);
    }

    private static Transform transform(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "Transform", tag, 1);
        return new Transform.Sql(
                t.required(t.string(0, "engine"), "engine"),
                t.string(1, "version"),
                t.string(2, "query"),
                t.tables(3, "queries", q -> new SqlQueryStep(
                        q.string(0, "alias"), q.required(q.string(1, "query"), "query"))),
                t.tables(4, "temporal_tables", tt -> new TemporalTable(
                        tt.required(tt.string(0, "name"), "name"),
                        tt.required(tt.strings(1, "primary_key"), "primary_key"))));
    }

    private static MergeStrategy mergeStrategy(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "MergeStrategy", tag, Tags.MERGE_STRATEGIES.size());
        if (tag == 1) {
            return new MergeStrategy.Append();
        }
        final List<String> primaryKey = t.required(t.strings(0, "primary_key"), "primary_key");
        switch (tag) {
            case 2:
                return new MergeStrategy.Ledger(primaryKey);
            case 3:
                return new MergeStrategy.Snapshot(primaryKey, t.strings(1, "compare_columns"));
            case 4:
                return new MergeStrategy.ChangelogStream(primaryKey);
            default:
                return new MergeStrategy.UpsertStream(primaryKey);
        }
    }

    private static Attachments attachments(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "Attachments", tag, 1);
        return new Attachments.Embedded(t.required(
                t.tables(0, "items", a -> new AttachmentEmbedded(
                        a.required(a.string(0, "path"), "path"), a.required(a.string(1, "content"), "content"))),
                "items"));
    }

    private static TransformInput transformInput(FlatTable t) {
        return new TransformInput(t.required(t.string(0, "dataset_ref"), "dataset_ref"), t.string(1, "alias"));
    }

    private static FetchStep fetchStep(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t = unionValue(parent, typeSlot, name, "FetchStep", tag, Tags.FETCH_STEPS.size());
        switch (tag) {
            case 1:
                return new FetchStep.Url(
                        t.required(t.string(0, "url"), "url"),
                        eventTimeSource(t, 1, "event_time"),
                        sourceCaching(t, 3, "cache"),
                        t.tables(5, "headers", h -> new RequestHeader(
                                h.required(h.string(0, "name"), "name"), h.required(h.string(1, "value"), "value"))));
            case 2: {
                final Integer order = t.optionalI32(5);
                return new FetchStep.FilesGlob(
                        t.required(t.string(0, "path"), "path"),
                        eventTimeSource(t, 1, "event_time"),
                        sourceCaching(t, 3, "cache"),
                        order == null ? null : enumValue(SourceOrdering.values(), order, t, "order"));
            }
            case 3:
                return new FetchStep.Container(
                        t.required(t.string(0, "image"), "image"),
                        t.strings(1, "command"),
                        t.strings(2, "args"),
                        t.tables(3, "env", e -> new EnvVar(
                                e.required(e.string(0, "name"), "name"), e.string(1, "value"))));
            case 4:
                return new FetchStep.Mqtt(
                        t.required(t.string(0, "host"), "host"),
                        t.i32(1, 0),
                        t.string(2, "username"),
                        t.string(3, "password"),
                        t.required(t.tables(4, "topics", BlockDecoder::mqttTopic), "topics"));
            default:
                return new FetchStep.EthereumLogs(
                        t.optionalU64(0), t.string(1, "node_url"), t.string(2, "filter"), t.string(3, "signature"));
        }
    }

    private static MqttTopicSubscription mqttTopic(FlatTable t) {
        final Integer qos = t.optionalI32(1);
        return new MqttTopicSubscription(
                t.required(t.string(0, "path"), "path"),
                qos == null ? null : enumValue(MqttQos.values(), qos, t, "qos"));
    }

    private static EventTimeSource eventTimeSource(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        final FlatTable t =
                unionValue(parent, typeSlot, name, "EventTimeSource", tag, Tags.EVENT_TIME_SOURCES.size());
        switch (tag) {
            case 1:
                return new EventTimeSource.FromMetadata();
            case 2:
                return new EventTimeSource.FromPath(
                        t.required(t.string(0, "pattern"), "pattern"), t.string(1, "timestamp_format"));
            default:
                return new EventTimeSource.FromSystemTime();
        }
    }

    private static SourceCaching sourceCaching(FlatTable parent, int typeSlot, String name) {
        final int tag = parent.u8(typeSlot);
        if (tag == 0) {
            return null;
        }
        unionValue(parent, typeSlot, name, "SourceCaching", tag, 1);
        return new SourceCaching.Forever();
    }

    private static PrepStep prepStepWrapper(FlatTable wrapper) {
        final int tag = wrapper.u8(0);
        if (tag == 0) {
            throw FlatTable.corrupt(wrapper.at("value") + " is required but absent");
        }
        final FlatTable t = unionValue(wrapper, 0, "value", "PrepStep", tag, Tags.PREP_STEPS.size());
        if (tag == 1) {
            return new PrepStep.Decompress(
                    enumValue(CompressionFormat.values(), t.i32(0, 0), t, "format"), t.string(1, "sub_path"));
        }
        return new PrepStep.Pipe(t.required(t.strings(0, "command"), "command"));
    }

    private static FlatTable unionValue(FlatTable parent, int typeSlot, String name, String union, int tag, int max) {
        if (tag > max) {
            throw FlatTable.corrupt(parent.at(name) + " has unknown " + union + " tag " + tag + ", expected 1.." + max);
        }
        final FlatTable value = parent.table(typeSlot + 1, name);
        if (value == null) {
            throw FlatTable.corrupt(parent.at(name) + " has " + union + " tag " + tag + " but no value");
        }
        return value;
    }

    private static Multihash hash(FlatTable t, int slot, String name) {
        final byte[] bytes = t.bytes(slot, name);
        if (bytes == null) {
            return null;
        }
        try {
            return Multihash.fromBytes(bytes);
        } catch (RuntimeException e) {
            throw FlatTable.corrupt(t.at(name) + " is not a valid multihash: " + e.getMessage());
        }
    }

    private static DatasetId datasetId(FlatTable t, int slot, String name) {
        final byte[] bytes = t.required(t.bytes(slot, name), name);
        try {
            return DatasetId.fromBytes(bytes);
        } catch (RuntimeException e) {
            throw FlatTable.corrupt(t.at(name) + " is not a valid dataset id: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(E[] values, int value, FlatTable t, String name) {
        if (value < 0 || value >= values.length) {
            throw FlatTable.corrupt(t.at(name) + " has unknown value " + value + ", expected 0.." + (values.length - 1));
        }
        return values[value];
    }
}
