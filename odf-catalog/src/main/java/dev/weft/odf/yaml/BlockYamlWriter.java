package dev.weft.odf.yaml;

import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.AttachmentEmbedded;
import dev.weft.odf.model.Attachments;
import dev.weft.odf.model.Checkpoint;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
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
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.SqlQueryStep;
import dev.weft.odf.model.TemporalTable;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders metadata blocks as YAML the way {@code kamu log -o yaml} does: fields in schema order, absent fields left
 * out, unions tagged with {@code kind}, hashes in base16 multibase and times in RFC 3339. Thread-safe (stateless).
 */
public final class BlockYamlWriter {
    private BlockYamlWriter() {}

    /** The YAML document of one block, ending with a newline. */
    public static String write(MetadataBlock block) {
        final Map<String, Object> content = new LinkedHashMap<>();
        content.put("systemTime", time(block.systemTime()));
        put(content, "prevBlockHash", block.prevBlockHash());
        content.put("sequenceNumber", u64(block.sequenceNumber()));
        content.put("event", event(block.event()));
        final Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "MetadataBlock");
        document.put("version", 3L);
        document.put("content", content);
        return YamlEmitter.emit(document);
    }

    static Map<String, Object> event(MetadataEvent event) {
        final Map<String, Object> out = tagged(event.kind());
        // Java 17 has no pattern matching in switch: one branch per event kind.
        if (event instanceof AddData e) {
            put(out, "prevCheckpoint", e.prevCheckpoint());
            put(out, "prevOffset", e.prevOffset(), BlockYamlWriter::u64);
            put(out, "newData", e.newData(), BlockYamlWriter::dataSlice);
            put(out, "newCheckpoint", e.newCheckpoint(), BlockYamlWriter::checkpoint);
            put(out, "newWatermark", e.newWatermark());
            put(out, "newSourceState", e.newSourceState(), BlockYamlWriter::sourceState);
            put(out, "extra", e.extra(), ExtraAttributes::entries);
        } else if (event instanceof ExecuteTransform e) {
            out.put("queryInputs", map(e.queryInputs(), BlockYamlWriter::executeTransformInput));
            put(out, "prevCheckpoint", e.prevCheckpoint());
            put(out, "prevOffset", e.prevOffset(), BlockYamlWriter::u64);
            put(out, "newData", e.newData(), BlockYamlWriter::dataSlice);
            put(out, "newCheckpoint", e.newCheckpoint(), BlockYamlWriter::checkpoint);
            put(out, "newWatermark", e.newWatermark());
        } else if (event instanceof Seed e) {
            out.put("datasetId", e.datasetId().toDidString());
            out.put("datasetKind", e.datasetKind().odfName());
        } else if (event instanceof SetPollingSource e) {
            out.put("fetch", fetchStep(e.fetch()));
            put(out, "prepare", e.prepare(), list -> map(list, BlockYamlWriter::prepStep));
            out.put("read", readStep(e.read()));
            put(out, "preprocess", e.preprocess(), BlockYamlWriter::transform);
            out.put("merge", mergeStrategy(e.merge()));
        } else if (event instanceof SetTransform e) {
            out.put("inputs", map(e.inputs(), BlockYamlWriter::transformInput));
            out.put("transform", transform(e.transform()));
        } else if (event instanceof SetVocab e) {
            put(out, "offsetColumn", e.offsetColumn());
            put(out, "operationTypeColumn", e.operationTypeColumn());
            put(out, "systemTimeColumn", e.systemTimeColumn());
            put(out, "eventTimeColumn", e.eventTimeColumn());
        } else if (event instanceof SetAttachments e) {
            out.put("attachments", attachments(e.attachments()));
        } else if (event instanceof SetInfo e) {
            put(out, "description", e.description());
            put(out, "keywords", e.keywords());
        } else if (event instanceof SetLicense e) {
            out.put("shortName", e.shortName());
            out.put("name", e.name());
            put(out, "spdxId", e.spdxId());
            out.put("websiteUrl", e.websiteUrl());
        } else if (event instanceof SetDataSchema e) {
            put(out, "rawArrowSchema", e.rawArrowSchema(), raw -> Base64.getEncoder().encodeToString(raw.bytes()));
            put(out, "schema", e.schema(), BlockYamlWriter::dataSchema);
        } else if (event instanceof AddPushSource e) {
            out.put("sourceName", e.sourceName());
            out.put("read", readStep(e.read()));
            put(out, "preprocess", e.preprocess(), BlockYamlWriter::transform);
            out.put("merge", mergeStrategy(e.merge()));
        } else if (event instanceof DisablePushSource e) {
            out.put("sourceName", e.sourceName());
        }
        return out;
    }

    private static Map<String, Object> dataSlice(DataSlice slice) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("logicalHash", slice.logicalHash().toMultibase());
        out.put("physicalHash", slice.physicalHash().toMultibase());
        final Map<String, Object> interval = new LinkedHashMap<>();
        interval.put("start", u64(slice.offsetInterval().start()));
        interval.put("end", u64(slice.offsetInterval().end()));
        out.put("offsetInterval", interval);
        out.put("size", u64(slice.size()));
        return out;
    }

    private static Map<String, Object> checkpoint(Checkpoint checkpoint) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("physicalHash", checkpoint.physicalHash().toMultibase());
        out.put("size", u64(checkpoint.size()));
        return out;
    }

    private static Map<String, Object> sourceState(SourceState state) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("sourceName", state.sourceName());
        out.put("kind", state.kind());
        out.put("value", state.value());
        return out;
    }

    private static Map<String, Object> executeTransformInput(ExecuteTransformInput input) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("datasetId", input.datasetId().toDidString());
        put(out, "prevBlockHash", input.prevBlockHash());
        put(out, "newBlockHash", input.newBlockHash());
        put(out, "prevOffset", input.prevOffset(), BlockYamlWriter::u64);
        put(out, "newOffset", input.newOffset(), BlockYamlWriter::u64);
        return out;
    }

    private static Map<String, Object> transformInput(TransformInput input) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("datasetRef", input.datasetRef());
        put(out, "alias", input.alias());
        return out;
    }

    private static Map<String, Object> transform(Transform transform) {
        final Transform.Sql sql = (Transform.Sql) transform;
        final Map<String, Object> out = tagged(sql.kind());
        out.put("engine", sql.engine());
        put(out, "version", sql.version());
        put(out, "query", sql.query());
        put(out, "queries", sql.queries(), list -> map(list, BlockYamlWriter::sqlQueryStep));
        put(out, "temporalTables", sql.temporalTables(), list -> map(list, BlockYamlWriter::temporalTable));
        return out;
    }

    private static Map<String, Object> sqlQueryStep(SqlQueryStep step) {
        final Map<String, Object> out = new LinkedHashMap<>();
        put(out, "alias", step.alias());
        out.put("query", step.query());
        return out;
    }

    private static Map<String, Object> temporalTable(TemporalTable table) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", table.name());
        out.put("primaryKey", table.primaryKey());
        return out;
    }

    private static Map<String, Object> fetchStep(FetchStep fetch) {
        final Map<String, Object> out = tagged(fetch.kind());
        if (fetch instanceof FetchStep.Url f) {
            out.put("url", f.url());
            put(out, "eventTime", f.eventTime(), BlockYamlWriter::eventTimeSource);
            put(out, "cache", f.cache(), cache -> tagged(cache.kind()));
            put(out, "headers", f.headers(), list -> map(list, BlockYamlWriter::requestHeader));
        } else if (fetch instanceof FetchStep.FilesGlob f) {
            out.put("path", f.path());
            put(out, "eventTime", f.eventTime(), BlockYamlWriter::eventTimeSource);
            put(out, "cache", f.cache(), cache -> tagged(cache.kind()));
            put(out, "order", f.order(), order -> order.odfName());
        } else if (fetch instanceof FetchStep.Container f) {
            out.put("image", f.image());
            put(out, "command", f.command());
            put(out, "args", f.args());
            put(out, "env", f.env(), list -> map(list, BlockYamlWriter::envVar));
        } else if (fetch instanceof FetchStep.Mqtt f) {
            out.put("host", f.host());
            out.put("port", (long) f.port());
            put(out, "username", f.username());
            put(out, "password", f.password());
            out.put("topics", map(f.topics(), BlockYamlWriter::mqttTopic));
        } else if (fetch instanceof FetchStep.EthereumLogs f) {
            put(out, "chainId", f.chainId(), BlockYamlWriter::u64);
            put(out, "nodeUrl", f.nodeUrl());
            out.put("filter", f.filter());
            out.put("signature", f.signature());
        }
        return out;
    }

    private static Map<String, Object> eventTimeSource(EventTimeSource source) {
        final Map<String, Object> out = tagged(source.kind());
        if (source instanceof EventTimeSource.FromPath p) {
            out.put("pattern", p.pattern());
            put(out, "timestampFormat", p.timestampFormat());
        }
        return out;
    }

    private static Map<String, Object> requestHeader(RequestHeader header) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", header.name());
        out.put("value", header.value());
        return out;
    }

    private static Map<String, Object> envVar(EnvVar env) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", env.name());
        put(out, "value", env.value());
        return out;
    }

    private static Map<String, Object> mqttTopic(MqttTopicSubscription topic) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", topic.path());
        put(out, "qos", topic.qos(), qos -> qos.odfName());
        return out;
    }

    private static Map<String, Object> prepStep(PrepStep step) {
        final Map<String, Object> out = tagged(step.kind());
        if (step instanceof PrepStep.Decompress d) {
            out.put("format", d.format().odfName());
            put(out, "subPath", d.subPath());
        } else if (step instanceof PrepStep.Pipe p) {
            out.put("command", p.command());
        }
        return out;
    }

    private static Map<String, Object> readStep(ReadStep read) {
        final Map<String, Object> out = tagged(read.kind());
        if (read instanceof ReadStep.Csv r) {
            put(out, "ddlSchema", r.ddlSchema());
            put(out, "separator", r.separator());
            put(out, "encoding", r.encoding());
            put(out, "quote", r.quote());
            put(out, "escape", r.escape());
            put(out, "header", r.header());
            put(out, "inferSchema", r.inferSchema());
            put(out, "nullValue", r.nullValue());
            put(out, "dateFormat", r.dateFormat());
            put(out, "timestampFormat", r.timestampFormat());
        } else if (read instanceof ReadStep.EsriShapefile r) {
            put(out, "ddlSchema", r.ddlSchema());
            put(out, "subPath", r.subPath());
        } else if (read instanceof ReadStep.Json r) {
            put(out, "subPath", r.subPath());
            put(out, "ddlSchema", r.ddlSchema());
            put(out, "dateFormat", r.dateFormat());
            put(out, "encoding", r.encoding());
            put(out, "timestampFormat", r.timestampFormat());
        } else if (read instanceof ReadStep.NdJson r) {
            put(out, "ddlSchema", r.ddlSchema());
            put(out, "dateFormat", r.dateFormat());
            put(out, "encoding", r.encoding());
            put(out, "timestampFormat", r.timestampFormat());
        } else {
            put(out, "ddlSchema", read.ddlSchema());
        }
        put(out, "schema", read.schema(), BlockYamlWriter::dataSchema);
        return out;
    }

    private static Map<String, Object> mergeStrategy(MergeStrategy merge) {
        final Map<String, Object> out = tagged(merge.kind());
        if (merge instanceof MergeStrategy.Ledger m) {
            out.put("primaryKey", m.primaryKey());
        } else if (merge instanceof MergeStrategy.Snapshot m) {
            out.put("primaryKey", m.primaryKey());
            put(out, "compareColumns", m.compareColumns());
        } else if (merge instanceof MergeStrategy.ChangelogStream m) {
            out.put("primaryKey", m.primaryKey());
        } else if (merge instanceof MergeStrategy.UpsertStream m) {
            out.put("primaryKey", m.primaryKey());
        }
        return out;
    }

    private static Map<String, Object> attachments(Attachments attachments) {
        final Attachments.Embedded embedded = (Attachments.Embedded) attachments;
        final Map<String, Object> out = tagged(embedded.kind());
        out.put("items", map(embedded.items(), BlockYamlWriter::attachment));
        return out;
    }

    private static Map<String, Object> attachment(AttachmentEmbedded item) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", item.path());
        out.put("content", item.content());
        return out;
    }

    static Map<String, Object> dataSchema(DataSchema schema) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", map(schema.fields(), BlockYamlWriter::dataField));
        put(out, "extra", schema.extra(), ExtraAttributes::entries);
        return out;
    }

    private static Map<String, Object> dataField(DataField field) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", field.name());
        out.put("type", dataType(field.type()));
        put(out, "extra", field.extra(), ExtraAttributes::entries);
        return out;
    }

    private static Map<String, Object> dataType(DataType type) {
        final Map<String, Object> out = tagged(type.kind());
        if (type instanceof DataType.Binary t) {
            put(out, "fixedLength", t.fixedLength(), BlockYamlWriter::u64);
        } else if (type instanceof DataType.Decimal t) {
            out.put("precision", t.precision());
            out.put("scale", (long) t.scale());
        } else if (type instanceof DataType.Duration t) {
            put(out, "unit", t.unit(), unit -> unit.odfName());
        } else if (type instanceof DataType.List t) {
            out.put("itemType", dataType(t.itemType()));
            put(out, "fixedLength", t.fixedLength(), BlockYamlWriter::u64);
        } else if (type instanceof DataType.Map t) {
            out.put("keyType", dataType(t.keyType()));
            out.put("valueType", dataType(t.valueType()));
            put(out, "keysSorted", t.keysSorted());
        } else if (type instanceof DataType.Option t) {
            out.put("inner", dataType(t.inner()));
        } else if (type instanceof DataType.Struct t) {
            out.put("fields", map(t.fields(), BlockYamlWriter::dataField));
        } else if (type instanceof DataType.Time t) {
            put(out, "unit", t.unit(), unit -> unit.odfName());
        } else if (type instanceof DataType.Timestamp t) {
            put(out, "unit", t.unit(), unit -> unit.odfName());
            put(out, "timezone", t.timezone());
        }
        return out;
    }

    private static Map<String, Object> tagged(String kind) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        return out;
    }

    private static <T> List<Object> map(List<T> items, Function<T, Object> render) {
        final List<Object> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(render.apply(item));
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value instanceof Instant instant) {
            out.put(key, time(instant));
        } else if (value instanceof dev.weft.odf.hash.Multihash hash) {
            out.put(key, hash.toMultibase());
        } else if (value != null) {
            out.put(key, value);
        }
    }

    private static <T> void put(Map<String, Object> out, String key, T value, Function<T, Object> render) {
        if (value != null) {
            out.put(key, render.apply(value));
        }
    }

    /** ODF offsets, sizes and counts are unsigned 64-bit; the model holds them in a long. */
    private static Object u64(long value) {
        return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
