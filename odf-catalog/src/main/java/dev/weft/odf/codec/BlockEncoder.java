package dev.weft.odf.codec;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.AttachmentEmbedded;
import dev.weft.odf.model.Attachments;
import dev.weft.odf.model.Checkpoint;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
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
import dev.weft.odf.model.MqttTopicSubscription;
import dev.weft.odf.model.PrepStep;
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
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.SqlQueryStep;
import dev.weft.odf.model.TemporalTable;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes a {@link MetadataBlock} as the FlatBuffers bytes kamu produces, following TEST_VECTORS.md §4: every table
 * is written in two passes (children in schema order, then the fields in schema order), defaults are omitted and
 * {@code = null} scalars are written whenever present. One instance encodes one block; not thread-safe.
 */
final class BlockEncoder {
    private final FlatBufferBuilder b = new FlatBufferBuilder(1024);
    private final boolean alignedTimestamps;

    private BlockEncoder(int manifestVersion) {
        this.alignedTimestamps = manifestVersion >= 3;
    }

    /** The finished {@code MetadataBlock} flatbuffer (the Manifest's content) in the given layout version. */
    static byte[] encodeBlock(MetadataBlock block, int manifestVersion) {
        final BlockEncoder encoder = new BlockEncoder(manifestVersion);
        encoder.b.finish(encoder.block(block));
        return encoder.b.sizedByteArray();
    }

    /** The {@code Manifest} flatbuffer wrapping already encoded content. */
    static byte[] encodeManifest(long kind, int version, byte[] content) {
        final FlatBufferBuilder m = new FlatBufferBuilder(content.length + 64);
        final int contentOffset = m.createByteVector(content);
        m.startTable(3);
        m.addLong(0, kind, 0L);
        m.addInt(1, version, 0);
        m.addOffset(2, contentOffset, 0);
        m.finish(m.endTable());
        return m.sizedByteArray();
    }

    private int block(MetadataBlock block) {
        final int prevBlockHash = hash(block.prevBlockHash());
        final int event = event(block.event());
        b.startTable(5);
        timestamp(0, block.systemTime());
        b.addOffset(1, prevBlockHash, 0);
        b.addLong(2, block.sequenceNumber(), 0L);
        b.addByte(3, (byte) Tags.event(block.event()), 0);
        b.addOffset(4, event, 0);
        return b.endTable();
    }

    private int event(MetadataEvent event) {
        if (event instanceof AddData e) {
            return addData(e);
        } else if (event instanceof ExecuteTransform e) {
            return executeTransform(e);
        } else if (event instanceof Seed e) {
            final int datasetId = b.createByteVector(e.datasetId().toBytes());
            b.startTable(2);
            b.addOffset(0, datasetId, 0);
            b.addInt(1, e.datasetKind().ordinal(), 0);
            return b.endTable();
        } else if (event instanceof SetPollingSource e) {
            final int fetch = fetchStep(e.fetch());
            final int prepare = vectorOrNone(e.prepare(), this::prepStepWrapper);
            final int read = readStep(e.read());
            final int preprocess = transform(e.preprocess());
            final int merge = mergeStrategy(e.merge());
            b.startTable(9);
            unionField(0, Tags.fetchStep(e.fetch()), fetch);
            b.addOffset(2, prepare, 0);
            unionField(3, Tags.readStep(e.read()), read);
            unionField(5, Tags.transform(e.preprocess()), preprocess);
            unionField(7, Tags.mergeStrategy(e.merge()), merge);
            return b.endTable();
        } else if (event instanceof SetTransform e) {
            final int inputs = vectorOrNone(e.inputs(), this::transformInput);
            final int transform = transform(e.transform());
            b.startTable(3);
            b.addOffset(0, inputs, 0);
            unionField(1, Tags.transform(e.transform()), transform);
            return b.endTable();
        } else if (event instanceof SetVocab e) {
            final int offset = string(e.offsetColumn());
            final int op = string(e.operationTypeColumn());
            final int systemTime = string(e.systemTimeColumn());
            final int eventTime = string(e.eventTimeColumn());
            b.startTable(4);
            b.addOffset(0, offset, 0);
            b.addOffset(1, op, 0);
            b.addOffset(2, systemTime, 0);
            b.addOffset(3, eventTime, 0);
            return b.endTable();
        } else if (event instanceof SetAttachments e) {
            final int attachments = attachments(e.attachments());
            b.startTable(2);
            unionField(0, Tags.attachments(e.attachments()), attachments);
            return b.endTable();
        } else if (event instanceof SetInfo e) {
            final int description = string(e.description());
            final int keywords = strings(e.keywords());
            b.startTable(2);
            b.addOffset(0, description, 0);
            b.addOffset(1, keywords, 0);
            return b.endTable();
        } else if (event instanceof SetLicense e) {
            final int shortName = string(e.shortName());
            final int name = string(e.name());
            final int spdxId = string(e.spdxId());
            final int websiteUrl = string(e.websiteUrl());
            b.startTable(4);
            b.addOffset(0, shortName, 0);
            b.addOffset(1, name, 0);
            b.addOffset(2, spdxId, 0);
            b.addOffset(3, websiteUrl, 0);
            return b.endTable();
        } else if (event instanceof SetDataSchema e) {
            final int raw = e.rawArrowSchema() == null ? 0 : b.createByteVector(e.rawArrowSchema().bytes());
            final int schema = e.schema() == null ? 0 : dataSchema(e.schema());
            b.startTable(2);
            b.addOffset(0, raw, 0);
            b.addOffset(1, schema, 0);
            return b.endTable();
        } else if (event instanceof AddPushSource e) {
            final int sourceName = string(e.sourceName());
            final int read = readStep(e.read());
            final int preprocess = transform(e.preprocess());
            final int merge = mergeStrategy(e.merge());
            b.startTable(7);
            b.addOffset(0, sourceName, 0);
            unionField(1, Tags.readStep(e.read()), read);
            unionField(3, Tags.transform(e.preprocess()), preprocess);
            unionField(5, Tags.mergeStrategy(e.merge()), merge);
            return b.endTable();
        } else if (event instanceof DisablePushSource e) {
            final int sourceName = string(e.sourceName());
            b.startTable(1);
            b.addOffset(0, sourceName, 0);
            return b.endTable();
        } else if (event instanceof DisablePollingSource) {
            b.startTable(0);
            return b.endTable();
        }
        throw new IllegalArgumentException("unknown metadata event " + event);
    }

    private int addData(AddData e) {
        final int prevCheckpoint = hash(e.prevCheckpoint());
        final int newData = dataSlice(e.newData());
        final int newCheckpoint = checkpoint(e.newCheckpoint());
        final int newSourceState = sourceState(e.newSourceState());
        final int extra = extra(e.extra());
        b.startTable(7);
        b.addOffset(0, prevCheckpoint, 0);
        optionalLong(1, e.prevOffset());
        b.addOffset(2, newData, 0);
        b.addOffset(3, newCheckpoint, 0);
        timestamp(4, e.newWatermark());
        b.addOffset(5, newSourceState, 0);
        b.addOffset(6, extra, 0);
        return b.endTable();
    }

    private int executeTransform(ExecuteTransform e) {
        final int queryInputs = vectorOrNone(e.queryInputs(), this::executeTransformInput);
        final int prevCheckpoint = hash(e.prevCheckpoint());
        final int newData = dataSlice(e.newData());
        final int newCheckpoint = checkpoint(e.newCheckpoint());
        b.startTable(6);
        b.addOffset(0, queryInputs, 0);
        b.addOffset(1, prevCheckpoint, 0);
        optionalLong(2, e.prevOffset());
        b.addOffset(3, newData, 0);
        b.addOffset(4, newCheckpoint, 0);
        timestamp(5, e.newWatermark());
        return b.endTable();
    }

    private int executeTransformInput(ExecuteTransformInput input) {
        final int datasetId = b.createByteVector(input.datasetId().toBytes());
        final int prevBlockHash = hash(input.prevBlockHash());
        final int newBlockHash = hash(input.newBlockHash());
        b.startTable(5);
        b.addOffset(0, datasetId, 0);
        b.addOffset(1, prevBlockHash, 0);
        b.addOffset(2, newBlockHash, 0);
        optionalLong(3, input.prevOffset());
        optionalLong(4, input.newOffset());
        return b.endTable();
    }

    private int dataSlice(DataSlice slice) {
        if (slice == null) {
            return 0;
        }
        final int logicalHash = hash(slice.logicalHash());
        final int physicalHash = hash(slice.physicalHash());
        final int interval = offsetInterval(slice.offsetInterval().start(), slice.offsetInterval().end());
        b.startTable(4);
        b.addOffset(0, logicalHash, 0);
        b.addOffset(1, physicalHash, 0);
        b.addOffset(2, interval, 0);
        b.addLong(3, slice.size(), 0L);
        return b.endTable();
    }

    private int offsetInterval(long start, long end) {
        b.startTable(2);
        b.addLong(0, start, 0L);
        b.addLong(1, end, 0L);
        return b.endTable();
    }

    private int checkpoint(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return 0;
        }
        final int physicalHash = hash(checkpoint.physicalHash());
        b.startTable(2);
        b.addOffset(0, physicalHash, 0);
        b.addLong(1, checkpoint.size(), 0L);
        return b.endTable();
    }

    private int sourceState(SourceState state) {
        if (state == null) {
            return 0;
        }
        final int sourceName = string(state.sourceName());
        final int kind = string(state.kind());
        final int value = string(state.value());
        b.startTable(3);
        b.addOffset(0, sourceName, 0);
        b.addOffset(1, kind, 0);
        b.addOffset(2, value, 0);
        return b.endTable();
    }

    private int extra(ExtraAttributes extra) {
        if (extra == null) {
            return 0;
        }
        final int entries = b.createString(extra.toJson());
        b.startTable(1);
        b.addOffset(0, entries, 0);
        return b.endTable();
    }

    private int dataSchema(DataSchema schema) {
        final int fields = vectorOrNone(schema.fields(), this::dataField);
        final int extra = extra(schema.extra());
        b.startTable(2);
        b.addOffset(0, fields, 0);
        b.addOffset(1, extra, 0);
        return b.endTable();
    }

    private int dataField(DataField field) {
        final int name = string(field.name());
        final int type = dataType(field.type());
        final int extra = extra(field.extra());
        b.startTable(4);
        b.addOffset(0, name, 0);
        unionField(1, Tags.dataType(field.type()), type);
        b.addOffset(3, extra, 0);
        return b.endTable();
    }

    private int dataType(DataType type) {
        if (type instanceof DataType.Binary t) {
            b.startTable(1);
            optionalLong(0, t.fixedLength());
            return b.endTable();
        } else if (type instanceof DataType.Decimal t) {
            b.startTable(2);
            b.addInt(0, (int) t.precision(), 0);
            b.addInt(1, t.scale(), 0);
            return b.endTable();
        } else if (type instanceof DataType.Duration t) {
            return timeUnitOnly(t.unit());
        } else if (type instanceof DataType.Time t) {
            return timeUnitOnly(t.unit());
        } else if (type instanceof DataType.List t) {
            final int item = dataType(t.itemType());
            b.startTable(3);
            unionField(0, Tags.dataType(t.itemType()), item);
            optionalLong(2, t.fixedLength());
            return b.endTable();
        } else if (type instanceof DataType.Map t) {
            final int key = dataType(t.keyType());
            final int value = dataType(t.valueType());
            b.startTable(5);
            unionField(0, Tags.dataType(t.keyType()), key);
            unionField(2, Tags.dataType(t.valueType()), value);
            if (t.keysSorted() != null) {
                b.addBoolean(t.keysSorted());
                b.slot(4);
            }
            return b.endTable();
        } else if (type instanceof DataType.Option t) {
            final int inner = dataType(t.inner());
            b.startTable(2);
            unionField(0, Tags.dataType(t.inner()), inner);
            return b.endTable();
        } else if (type instanceof DataType.Struct t) {
            final int fields = vectorOrNone(t.fields(), this::dataField);
            b.startTable(1);
            b.addOffset(0, fields, 0);
            return b.endTable();
        } else if (type instanceof DataType.Timestamp t) {
            final int timezone = string(t.timezone());
            b.startTable(2);
            optionalTimeUnit(0, t.unit());
            b.addOffset(1, timezone, 0);
            return b.endTable();
        }
        // Every other variant is a table without fields.
        b.startTable(0);
        return b.endTable();
    }

    private int timeUnitOnly(dev.weft.odf.model.TimeUnit unit) {
        b.startTable(1);
        optionalTimeUnit(0, unit);
        return b.endTable();
    }

    private void optionalTimeUnit(int slot, dev.weft.odf.model.TimeUnit unit) {
        if (unit != null) {
            b.addShort((short) unit.ordinal());
            b.slot(slot);
        }
    }

    private int readStep(ReadStep step) {
        if (step instanceof ReadStep.Csv s) {
            final int ddl = strings(s.ddlSchema());
            final int separator = string(s.separator());
            final int encoding = string(s.encoding());
            final int quote = string(s.quote());
            final int escape = string(s.escape());
            final int nullValue = string(s.nullValue());
            final int dateFormat = string(s.dateFormat());
            final int timestampFormat = string(s.timestampFormat());
            final int schema = optionalSchema(s.schema());
            b.startTable(11);
            b.addOffset(0, ddl, 0);
            b.addOffset(1, separator, 0);
            b.addOffset(2, encoding, 0);
            b.addOffset(3, quote, 0);
            b.addOffset(4, escape, 0);
            optionalBoolean(5, s.header());
            optionalBoolean(6, s.inferSchema());
            b.addOffset(7, nullValue, 0);
            b.addOffset(8, dateFormat, 0);
            b.addOffset(9, timestampFormat, 0);
            b.addOffset(10, schema, 0);
            return b.endTable();
        } else if (step instanceof ReadStep.EsriShapefile s) {
            final int ddl = strings(s.ddlSchema());
            final int subPath = string(s.subPath());
            final int schema = optionalSchema(s.schema());
            b.startTable(3);
            b.addOffset(0, ddl, 0);
            b.addOffset(1, subPath, 0);
            b.addOffset(2, schema, 0);
            return b.endTable();
        } else if (step instanceof ReadStep.Json s) {
            final int subPath = string(s.subPath());
            final int ddl = strings(s.ddlSchema());
            final int dateFormat = string(s.dateFormat());
            final int encoding = string(s.encoding());
            final int timestampFormat = string(s.timestampFormat());
            final int schema = optionalSchema(s.schema());
            b.startTable(6);
            b.addOffset(0, subPath, 0);
            b.addOffset(1, ddl, 0);
            b.addOffset(2, dateFormat, 0);
            b.addOffset(3, encoding, 0);
            b.addOffset(4, timestampFormat, 0);
            b.addOffset(5, schema, 0);
            return b.endTable();
        } else if (step instanceof ReadStep.NdJson s) {
            final int ddl = strings(s.ddlSchema());
            final int dateFormat = string(s.dateFormat());
            final int encoding = string(s.encoding());
            final int timestampFormat = string(s.timestampFormat());
            final int schema = optionalSchema(s.schema());
            b.startTable(5);
            b.addOffset(0, ddl, 0);
            b.addOffset(1, dateFormat, 0);
            b.addOffset(2, encoding, 0);
            b.addOffset(3, timestampFormat, 0);
            b.addOffset(4, schema, 0);
            return b.endTable();
        }
        // GeoJson, Parquet and NdGeoJson share the layout {ddl_schema, schema}.
        final int ddl = strings(step.ddlSchema());
        final int schema = optionalSchema(step.schema());
        b.startTable(2);
        b.addOffset(0, ddl, 0);
        b.addOffset(1, schema, 0);
        return b.endTable();
    }

    private int optionalSchema(DataSchema schema) {
        return schema == null ? 0 : dataSchema(schema);
    }

    private int transform(Transform transform) {
        if (transform == null) {
            return 0;
        }
        final Transform.Sql sql = (Transform.Sql) transform;
        final int engine = string(sql.engine());
        final int version = string(sql.version());
        final int query = string(sql.query());
        final int queries = vectorOrNone(sql.queries(), this::sqlQueryStep);
        final int temporalTables = vectorOrNone(sql.temporalTables(), this::temporalTable);
        b.startTable(5);
        b.addOffset(0, engine, 0);
        b.addOffset(1, version, 0);
        b.addOffset(2, query, 0);
        b.addOffset(3, queries, 0);
        b.addOffset(4, temporalTables, 0);
        return b.endTable();
    }

    private int sqlQueryStep(SqlQueryStep step) {
        final int alias = string(step.alias());
        final int query = string(step.query());
        b.startTable(2);
        b.addOffset(0, alias, 0);
        b.addOffset(1, query, 0);
        return b.endTable();
    }

    private int temporalTable(TemporalTable table) {
        final int name = string(table.name());
        final int primaryKey = strings(table.primaryKey());
        b.startTable(2);
        b.addOffset(0, name, 0);
        b.addOffset(1, primaryKey, 0);
        return b.endTable();
    }

    private int mergeStrategy(MergeStrategy merge) {
        if (merge instanceof MergeStrategy.Append) {
            b.startTable(0);
            return b.endTable();
        } else if (merge instanceof MergeStrategy.Snapshot m) {
            final int primaryKey = strings(m.primaryKey());
            final int compareColumns = strings(m.compareColumns());
            b.startTable(2);
            b.addOffset(0, primaryKey, 0);
            b.addOffset(1, compareColumns, 0);
            return b.endTable();
        }
        final List<String> key;
        if (merge instanceof MergeStrategy.Ledger m) {
            key = m.primaryKey();
        } else if (merge instanceof MergeStrategy.ChangelogStream m) {
            key = m.primaryKey();
        } else if (merge instanceof MergeStrategy.UpsertStream m) {
            key = m.primaryKey();
        } else {
            throw new IllegalArgumentException("unknown merge strategy " + merge);
        }
        final int primaryKey = strings(key);
        b.startTable(1);
        b.addOffset(0, primaryKey, 0);
        return b.endTable();
    }

    private int attachments(Attachments attachments) {
        final Attachments.Embedded embedded = (Attachments.Embedded) attachments;
        final int items = vectorOrNone(embedded.items(), this::attachmentEmbedded);
        b.startTable(1);
        b.addOffset(0, items, 0);
        return b.endTable();
    }

    private int attachmentEmbedded(AttachmentEmbedded item) {
        final int path = string(item.path());
        final int content = string(item.content());
        b.startTable(2);
        b.addOffset(0, path, 0);
        b.addOffset(1, content, 0);
        return b.endTable();
    }

    private int transformInput(TransformInput input) {
        final int datasetRef = string(input.datasetRef());
        final int alias = string(input.alias());
        b.startTable(2);
        b.addOffset(0, datasetRef, 0);
        b.addOffset(1, alias, 0);
        return b.endTable();
    }

    private int fetchStep(FetchStep fetch) {
        if (fetch instanceof FetchStep.Url f) {
            final int url = string(f.url());
            final int eventTime = eventTimeSource(f.eventTime());
            final int cache = sourceCaching(f.cache());
            final int headers = vectorOrNone(f.headers(), this::requestHeader);
            b.startTable(6);
            b.addOffset(0, url, 0);
            unionField(1, Tags.eventTimeSource(f.eventTime()), eventTime);
            unionField(3, Tags.sourceCaching(f.cache()), cache);
            b.addOffset(5, headers, 0);
            return b.endTable();
        } else if (fetch instanceof FetchStep.FilesGlob f) {
            final int path = string(f.path());
            final int eventTime = eventTimeSource(f.eventTime());
            final int cache = sourceCaching(f.cache());
            b.startTable(6);
            b.addOffset(0, path, 0);
            unionField(1, Tags.eventTimeSource(f.eventTime()), eventTime);
            unionField(3, Tags.sourceCaching(f.cache()), cache);
            if (f.order() != null) {
                b.addInt(f.order().ordinal());
                b.slot(5);
            }
            return b.endTable();
        } else if (fetch instanceof FetchStep.Container f) {
            final int image = string(f.image());
            final int command = strings(f.command());
            final int args = strings(f.args());
            final int env = vectorOrNone(f.env(), this::envVar);
            b.startTable(4);
            b.addOffset(0, image, 0);
            b.addOffset(1, command, 0);
            b.addOffset(2, args, 0);
            b.addOffset(3, env, 0);
            return b.endTable();
        } else if (fetch instanceof FetchStep.Mqtt f) {
            final int host = string(f.host());
            final int username = string(f.username());
            final int password = string(f.password());
            final int topics = vectorOrNone(f.topics(), this::mqttTopic);
            b.startTable(5);
            b.addOffset(0, host, 0);
            b.addInt(1, f.port(), 0);
            b.addOffset(2, username, 0);
            b.addOffset(3, password, 0);
            b.addOffset(4, topics, 0);
            return b.endTable();
        } else if (fetch instanceof FetchStep.EthereumLogs f) {
            final int nodeUrl = string(f.nodeUrl());
            final int filter = string(f.filter());
            final int signature = string(f.signature());
            b.startTable(4);
            optionalLong(0, f.chainId());
            b.addOffset(1, nodeUrl, 0);
            b.addOffset(2, filter, 0);
            b.addOffset(3, signature, 0);
            return b.endTable();
        }
        throw new IllegalArgumentException("unknown fetch step " + fetch);
    }

    private int eventTimeSource(EventTimeSource source) {
        if (source instanceof EventTimeSource.FromPath s) {
            final int pattern = string(s.pattern());
            final int timestampFormat = string(s.timestampFormat());
            b.startTable(2);
            b.addOffset(0, pattern, 0);
            b.addOffset(1, timestampFormat, 0);
            return b.endTable();
        }
        if (source == null) {
            return 0;
        }
        b.startTable(0);
        return b.endTable();
    }

    private int sourceCaching(SourceCaching caching) {
        if (caching == null) {
            return 0;
        }
        b.startTable(0);
        return b.endTable();
    }

    private int requestHeader(RequestHeader header) {
        final int name = string(header.name());
        final int value = string(header.value());
        b.startTable(2);
        b.addOffset(0, name, 0);
        b.addOffset(1, value, 0);
        return b.endTable();
    }

    private int envVar(EnvVar env) {
        final int name = string(env.name());
        final int value = string(env.value());
        b.startTable(2);
        b.addOffset(0, name, 0);
        b.addOffset(1, value, 0);
        return b.endTable();
    }

    private int mqttTopic(MqttTopicSubscription topic) {
        final int path = string(topic.path());
        b.startTable(2);
        b.addOffset(0, path, 0);
        if (topic.qos() != null) {
            b.addInt(topic.qos().ordinal());
            b.slot(1);
        }
        return b.endTable();
    }

    private int prepStepWrapper(PrepStep step) {
        final int value;
        if (step instanceof PrepStep.Decompress s) {
            final int subPath = string(s.subPath());
            b.startTable(2);
            b.addInt(0, s.format().ordinal(), 0);
            b.addOffset(1, subPath, 0);
            value = b.endTable();
        } else {
            final int command = strings(((PrepStep.Pipe) step).command());
            b.startTable(1);
            b.addOffset(0, command, 0);
            value = b.endTable();
        }
        b.startTable(2);
        unionField(0, Tags.prepStep(step), value);
        return b.endTable();
    }

    private void unionField(int typeSlot, int tag, int value) {
        b.addByte(typeSlot, (byte) tag, 0);
        b.addOffset(typeSlot + 1, value, 0);
    }

    private void optionalLong(int slot, Long value) {
        if (value != null) {
            b.addLong(value);
            b.slot(slot);
        }
    }

    private void optionalBoolean(int slot, Boolean value) {
        if (value != null) {
            b.addBoolean(value);
            b.slot(slot);
        }
    }

    // kamu <= 0.264 wrote the struct without aligning it (manifest version 2); flatc code aligns it to 4 bytes.
    private void timestamp(int slot, Instant instant) {
        if (instant == null) {
            return;
        }
        final ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        b.prep(alignedTimestamps ? 4 : 1, 16);
        b.putInt(utc.getNano());
        b.putInt(utc.toLocalTime().toSecondOfDay());
        b.pad(2);
        b.putShort((short) utc.getDayOfYear());
        b.putInt(utc.getYear());
        b.addStruct(slot, b.offset(), 0);
    }

    private int hash(Multihash hash) {
        return hash == null ? 0 : b.createByteVector(hash.toBytes());
    }

    private int string(String s) {
        return s == null ? 0 : b.createString(s);
    }

    private int strings(List<String> list) {
        return vectorOrNone(list, this::string);
    }

    private <T> int vectorOrNone(List<T> list, ToIntFunction<T> element) {
        if (list == null) {
            return 0;
        }
        final int[] offsets = new int[list.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = element.applyAsInt(list.get(i));
        }
        b.startVector(4, offsets.length, 4);
        for (int i = offsets.length - 1; i >= 0; i--) {
            b.addOffset(offsets[i]);
        }
        return b.endVector();
    }
}
