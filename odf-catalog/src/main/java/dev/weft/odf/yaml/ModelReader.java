package dev.weft.odf.yaml;

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
import dev.weft.odf.store.DatasetName;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ODF model values from YAML in the shape of the ODF JSON schemas. Variant and enum names match without regard
 * to case (RFC 013), so both the current spelling ({@code SetPollingSource}, {@code Csv}, {@code ByName}) and the older
 * one kamu manifests use ({@code setPollingSource}, {@code csv}, {@code byName}) are accepted. Absent fields stay
 * absent: defaults are applied by whoever uses the value. {@link #MANIFEST} also checks what a person could get wrong
 * (DDL column definitions, empty primary keys, events only Weft may write); {@link #BLOCK} reads whatever the schema
 * allows, because a block records what happened and must read back exactly as it was written.
 */
final class ModelReader {
    private static final List<String> EVENT_KINDS = List.of("AddData", "ExecuteTransform", "Seed", "SetPollingSource",
            "SetTransform", "SetVocab", "SetAttachments", "SetInfo", "SetLicense", "SetDataSchema", "AddPushSource",
            "DisablePushSource", "DisablePollingSource");
    private static final Pattern DDL_COLUMN = Pattern.compile(
            "\\s*(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)(?:\\s*:\\s*|\\s+)([A-Za-z]+(\\s*\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?|"
                    + "(ARRAY|MAP|STRUCT)\\s*<.+>)\\s*(NOT\\s+NULL)?\\s*");
    private static final Pattern DDL_DECIMAL = Pattern.compile(
            "(?i)(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final List<String> DDL_TYPES = List.of("STRING", "VARCHAR", "CHAR", "TEXT", "INT", "INTEGER",
            "BIGINT", "LONG", "SMALLINT", "TINYINT", "BYTE", "SHORT", "DOUBLE", "FLOAT", "REAL", "BOOLEAN", "BOOL",
            "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "DECIMAL", "NUMERIC", "BINARY", "ARRAY", "MAP", "STRUCT");

    /** Reads the events of a DatasetSnapshot manifest, with the checks for hand-written input. */
    static final ModelReader MANIFEST = new ModelReader(true);
    /** Reads the events of metadata blocks as they were written. */
    static final ModelReader BLOCK = new ModelReader(false);

    private static final List<String> WRITTEN_BY_WEFT = List.of("Seed", "AddData", "ExecuteTransform");

    private final boolean manifest;

    private ModelReader(boolean manifest) {
        this.manifest = manifest;
    }

    MetadataEvent event(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "event", EVENT_KINDS);
        if (manifest && WRITTEN_BY_WEFT.contains(kind)) {
            throw value.error(kind + " events are written by Weft itself and are not allowed in a manifest");
        }
        final MetadataEvent event;
        switch (kind) {
            case "AddData":
                event = new AddData(hash(map, "prevCheckpoint"), map.u64("prevOffset"),
                        object(map, "newData", this::dataSlice), object(map, "newCheckpoint", this::checkpoint),
                        instant(map, "newWatermark"), object(map, "newSourceState", this::sourceState),
                        extra(map, "extra"));
                break;
            case "ExecuteTransform":
                event = new ExecuteTransform(requireList(map, "queryInputs", this::executeTransformInput),
                        hash(map, "prevCheckpoint"), map.u64("prevOffset"),
                        object(map, "newData", this::dataSlice), object(map, "newCheckpoint", this::checkpoint),
                        instant(map, "newWatermark"));
                break;
            case "Seed":
                event = new Seed(datasetId(map.require("datasetId")), datasetKind(map.require("datasetKind")));
                break;
            case "SetPollingSource":
                event = new SetPollingSource(fetchStep(map.require("fetch")), list(map, "prepare", this::prepStep),
                        readStep(map.require("read")), object(map, "preprocess", this::transform),
                        mergeStrategy(map.require("merge")));
                break;
            case "SetTransform":
                event = new SetTransform(requireList(map, "inputs", this::transformInput),
                        transform(map.require("transform")));
                break;
            case "SetVocab":
                event = new SetVocab(map.string("offsetColumn"), map.string("operationTypeColumn"),
                        map.string("systemTimeColumn"), map.string("eventTimeColumn"));
                break;
            case "SetAttachments":
                event = new SetAttachments(attachments(map.require("attachments")));
                break;
            case "SetInfo":
                event = new SetInfo(map.string("description"), map.strings("keywords", "keywords"));
                break;
            case "SetLicense":
                event = new SetLicense(map.requireString("shortName"), map.requireString("name"),
                        map.string("spdxId"), map.requireString("websiteUrl"));
                break;
            case "SetDataSchema":
                event = new SetDataSchema(object(map, "rawArrowSchema", this::rawArrowSchema),
                        object(map, "schema", this::dataSchema));
                break;
            case "AddPushSource":
                event = new AddPushSource(map.requireString("sourceName"), readStep(map.require("read")),
                        object(map, "preprocess", this::transform), mergeStrategy(map.require("merge")));
                break;
            case "DisablePushSource":
                event = new DisablePushSource(map.requireString("sourceName"));
                break;
            default:
                event = new DisablePollingSource();
                break;
        }
        map.finish();
        return event;
    }

    private RawArrowSchema rawArrowSchema(YamlValue value) {
        try {
            return RawArrowSchema.of(Base64.getDecoder().decode(value.string()));
        } catch (IllegalArgumentException e) {
            throw value.error("expected the Arrow schema as base64, " + e.getMessage());
        }
    }

    DatasetKind datasetKind(YamlValue value) {
        return enumValue(value, "dataset kind", DatasetKind::fromOdfName, List.of("Root", "Derivative"));
    }

    DatasetId datasetId(YamlValue value) {
        try {
            return DatasetId.parse(value.string());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    Instant instant(YamlValue value) {
        final String text = value.string();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw value.error("expected an RFC 3339 timestamp like 2020-01-01T12:00:00Z, found '" + text + "'");
        }
    }

    private Instant instant(YamlMap map, String name) {
        final YamlValue value = map.get(name);
        return value == null ? null : instant(value);
    }

    private Multihash hash(YamlMap map, String name) {
        final YamlValue value = map.get(name);
        return value == null ? null : hash(value);
    }

    private Multihash hash(YamlValue value) {
        try {
            return Multihash.parse(value.string());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    private DataSlice dataSlice(YamlValue value) {
        final YamlMap map = value.map();
        final DataSlice slice = new DataSlice(hash(map.require("logicalHash")), hash(map.require("physicalHash")),
                offsetInterval(map.require("offsetInterval")), map.require("size").u64());
        map.finish();
        return slice;
    }

    private OffsetInterval offsetInterval(YamlValue value) {
        final YamlMap map = value.map();
        final OffsetInterval interval = new OffsetInterval(map.require("start").u64(), map.require("end").u64());
        map.finish();
        return interval;
    }

    private Checkpoint checkpoint(YamlValue value) {
        final YamlMap map = value.map();
        final Checkpoint checkpoint = new Checkpoint(hash(map.require("physicalHash")), map.require("size").u64());
        map.finish();
        return checkpoint;
    }

    private SourceState sourceState(YamlValue value) {
        final YamlMap map = value.map();
        final SourceState state = new SourceState(map.requireString("sourceName"), map.requireString("kind"),
                map.requireString("value"));
        map.finish();
        return state;
    }

    private ExecuteTransformInput executeTransformInput(YamlValue value) {
        final YamlMap map = value.map();
        final ExecuteTransformInput input = new ExecuteTransformInput(datasetId(map.require("datasetId")),
                hash(map, "prevBlockHash"), hash(map, "newBlockHash"), map.u64("prevOffset"),
                map.u64("newOffset"));
        map.finish();
        return input;
    }

    private TransformInput transformInput(YamlValue value) {
        final YamlMap map = value.map();
        final YamlValue ref = map.require("datasetRef");
        final String text = ref.string();
        if (text.startsWith("did:")) {
            datasetId(ref);
        } else if (manifest && !isDatasetAlias(text)) {
            throw ref.error("invalid dataset reference '" + text
                    + "': expected a dataset name like 'shop.orders', 'account/shop.orders' or a did:odf: id");
        }
        final TransformInput input = new TransformInput(text, map.string("alias"));
        map.finish();
        return input;
    }

    /** {@code (AccountName "/")? DatasetName}, both hostnames, as the spec's DatasetRef grammar has it. */
    private static boolean isDatasetAlias(String text) {
        final int slash = text.indexOf('/');
        return slash < 0 ? DatasetName.isValid(text)
                : DatasetName.isValid(text.substring(0, slash)) && DatasetName.isValid(text.substring(slash + 1));
    }

    private Transform transform(YamlValue value) {
        final YamlMap map = value.map();
        kind(map, "transform", List.of("Sql"));
        final Transform.Sql sql = new Transform.Sql(map.requireString("engine"), map.string("version"),
                map.string("query"), list(map, "queries", this::sqlQueryStep),
                list(map, "temporalTables", this::temporalTable));
        if (manifest && sql.query() == null && sql.queries() == null) {
            throw value.error("a Sql transform needs 'query' or 'queries'");
        }
        map.finish();
        return sql;
    }

    private SqlQueryStep sqlQueryStep(YamlValue value) {
        final YamlMap map = value.map();
        final SqlQueryStep step = new SqlQueryStep(map.string("alias"), map.requireString("query"));
        map.finish();
        return step;
    }

    private TemporalTable temporalTable(YamlValue value) {
        final YamlMap map = value.map();
        final TemporalTable table = new TemporalTable(map.requireString("name"),
                map.require("primaryKey").strings("primary key columns"));
        map.finish();
        return table;
    }

    private FetchStep fetchStep(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "fetch step", List.of("Url", "FilesGlob", "Container", "Mqtt", "EthereumLogs"));
        final FetchStep step;
        switch (kind) {
            case "Url":
                step = new FetchStep.Url(map.requireString("url"), object(map, "eventTime", this::eventTimeSource),
                        object(map, "cache", this::sourceCaching), list(map, "headers", this::requestHeader));
                break;
            case "FilesGlob":
                step = new FetchStep.FilesGlob(map.requireString("path"),
                        object(map, "eventTime", this::eventTimeSource),
                        object(map, "cache", this::sourceCaching), object(map, "order", v -> enumValue(v,
                                "source ordering", SourceOrdering::fromOdfName, List.of("ByEventTime", "ByName"))));
                break;
            case "Container":
                step = new FetchStep.Container(map.requireString("image"), map.strings("command", "command arguments"),
                        map.strings("args", "arguments"), list(map, "env", this::envVar));
                break;
            case "Mqtt":
                step = new FetchStep.Mqtt(map.requireString("host"), map.require("port").intValue(),
                        map.string("username"), map.string("password"),
                        requireList(map, "topics", this::mqttTopic));
                break;
            default:
                step = new FetchStep.EthereumLogs(map.u64("chainId"), map.string("nodeUrl"),
                        map.string("filter"), map.string("signature"));
                break;
        }
        map.finish();
        return step;
    }

    private EventTimeSource eventTimeSource(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "event time source", List.of("FromMetadata", "FromPath", "FromSystemTime"));
        final EventTimeSource source;
        switch (kind) {
            case "FromMetadata":
                source = new EventTimeSource.FromMetadata();
                break;
            case "FromPath":
                source = new EventTimeSource.FromPath(map.requireString("pattern"), map.string("timestampFormat"));
                break;
            default:
                source = new EventTimeSource.FromSystemTime();
                break;
        }
        map.finish();
        return source;
    }

    private SourceCaching sourceCaching(YamlValue value) {
        final YamlMap map = value.map();
        kind(map, "source caching", List.of("Forever"));
        map.finish();
        return new SourceCaching.Forever();
    }

    private RequestHeader requestHeader(YamlValue value) {
        final YamlMap map = value.map();
        final RequestHeader header = new RequestHeader(map.requireString("name"), map.requireString("value"));
        map.finish();
        return header;
    }

    private EnvVar envVar(YamlValue value) {
        final YamlMap map = value.map();
        final EnvVar env = new EnvVar(map.requireString("name"), map.string("value"));
        map.finish();
        return env;
    }

    private MqttTopicSubscription mqttTopic(YamlValue value) {
        final YamlMap map = value.map();
        final MqttTopicSubscription topic = new MqttTopicSubscription(map.requireString("path"), object(map, "qos",
                v -> enumValue(v, "MQTT QoS", MqttQos::fromOdfName, List.of("AtMostOnce", "AtLeastOnce", "ExactlyOnce"))));
        map.finish();
        return topic;
    }

    private PrepStep prepStep(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "prepare step", List.of("Decompress", "Pipe"));
        final PrepStep step;
        if (kind.equals("Decompress")) {
            step = new PrepStep.Decompress(enumValue(map.require("format"), "compression format",
                    CompressionFormat::fromOdfName, List.of("Gzip", "Zip")), map.string("subPath"));
        } else {
            step = new PrepStep.Pipe(map.require("command").strings("command arguments"));
        }
        map.finish();
        return step;
    }

    ReadStep readStep(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "read step",
                List.of("Csv", "GeoJson", "EsriShapefile", "Parquet", "Json", "NdJson", "NdGeoJson"));
        final List<String> ddl = ddlSchema(map);
        final DataSchema schema = schemaUnlessLegacy(map);
        final ReadStep step;
        switch (kind) {
            case "Csv":
                step = new ReadStep.Csv(ddl, map.string("separator"), map.string("encoding"), map.string("quote"),
                        map.string("escape"), map.bool("header"), map.bool("inferSchema"), map.string("nullValue"),
                        map.string("dateFormat"), map.string("timestampFormat"), schema);
                break;
            case "GeoJson":
                step = new ReadStep.GeoJson(ddl, schema);
                break;
            case "EsriShapefile":
                step = new ReadStep.EsriShapefile(ddl, map.string("subPath"), schema);
                break;
            case "Parquet":
                step = new ReadStep.Parquet(ddl, schema);
                break;
            case "Json":
                step = new ReadStep.Json(map.string("subPath"), ddl, map.string("dateFormat"), map.string("encoding"),
                        map.string("timestampFormat"), schema);
                break;
            case "NdJson":
                step = new ReadStep.NdJson(ddl, map.string("dateFormat"), map.string("encoding"),
                        map.string("timestampFormat"), schema);
                break;
            default:
                step = new ReadStep.NdGeoJson(ddl, schema);
                break;
        }
        map.finish();
        return step;
    }

    /** {@code ddlSchema}, or the older {@code schema} given as a list of DDL strings. */
    private List<String> ddlSchema(YamlMap map) {
        final YamlValue ddl = map.get("ddlSchema");
        final YamlValue legacy = map.get("schema");
        if (ddl != null && legacy != null && legacy.isList()) {
            throw legacy.error("give the DDL schema either as 'ddlSchema' or as a list under 'schema', not both");
        }
        final YamlValue source = ddl != null ? ddl : legacy != null && legacy.isList() ? legacy : null;
        if (source == null) {
            return null;
        }
        final List<String> columns = source.strings("column definitions like 'city STRING'");
        final List<YamlValue> items = source.list();
        for (int i = 0; manifest && i < columns.size(); i++) {
            final Matcher matcher = DDL_COLUMN.matcher(columns.get(i));
            final String type = matcher.matches() ? matcher.group(2).replaceAll("[\\s(<].*", "").toUpperCase(Locale.ROOT) : "";
            if (!matcher.matches() || !DDL_TYPES.contains(type)) {
                throw items.get(i).error("expected a column definition like 'city STRING' or 'price DECIMAL(10,2)', found '"
                        + columns.get(i) + "'");
            }
            final Matcher decimal = DDL_DECIMAL.matcher(matcher.group(2));
            if (decimal.matches() && !ddlDecimalInRange(decimal.group(1), decimal.group(2))) {
                throw items.get(i).error(decimalOutOfRange(matcher.group(2).trim()) + ", in '" + columns.get(i) + "'");
            }
        }
        return columns;
    }

    private DataSchema schemaUnlessLegacy(YamlMap map) {
        final YamlValue schema = map.get("schema");
        return schema == null || schema.isList() ? null : dataSchema(schema);
    }

    /** Whether DDL decimal arguments (digits; the scale may be absent) are within 1..38 and 0..precision. */
    private static boolean ddlDecimalInRange(String precisionDigits, String scaleDigits) {
        final BigInteger precision = new BigInteger(precisionDigits);
        final BigInteger scale = scaleDigits == null ? BigInteger.ZERO : new BigInteger(scaleDigits);
        return precision.signum() > 0 && precision.compareTo(BigInteger.valueOf(MAX_DECIMAL_PRECISION)) <= 0
                && scale.compareTo(precision) <= 0;
    }

    DataSchema dataSchema(YamlValue value) {
        final YamlMap map = value.map();
        final DataSchema schema = new DataSchema(requireList(map, "fields", this::dataField), extra(map, "extra"));
        map.finish();
        return schema;
    }

    private DataField dataField(YamlValue value) {
        final YamlMap map = value.map();
        final DataField field = new DataField(map.requireString("name"), requireType(map, "type"), extra(map, "extra"));
        map.finish();
        return field;
    }

    private static final List<String> TYPE_KINDS = List.of("Binary", "Bool", "Date", "Decimal", "Duration", "Float16",
            "Float32", "Float64", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "List", "Map",
            "Null", "Option", "Struct", "Time", "Timestamp", "String");
    private static final Map<String, String> TYPE_ALIASES = Map.of("boolean", "Bool", "int", "Int32", "integer",
            "Int32", "long", "Int64", "bigint", "Int64", "double", "Float64", "float", "Float32", "utf8", "String", "text",
            "String");

    DataType dataType(YamlValue value) {
        if (!value.isMap()) {
            final String name = value.name();
            final String kind = canonicalTypeName(name);
            if (kind == null) {
                throw value.error("unknown data type '" + name + "'; expected one of: " + String.join(", ", TYPE_KINDS));
            }
            final DataType type = simpleType(kind);
            if (type == null) {
                throw value.error("data type " + kind + " needs parameters: write it as {kind: " + kind + ", …}");
            }
            return type;
        }
        final YamlMap map = value.map();
        final String kind = kind(map, "data type", TYPE_KINDS);
        final DataType type;
        switch (kind) {
            case "Binary":
                type = new DataType.Binary(map.u64("fixedLength"));
                break;
            case "Decimal":
                type = decimal(map.require("precision"), map.require("scale"));
                break;
            case "Duration":
                type = new DataType.Duration(timeUnit(map));
                break;
            case "List":
                type = new DataType.List(requireType(map, "itemType"), map.u64("fixedLength"));
                break;
            case "Map":
                type = new DataType.Map(requireType(map, "keyType"), requireType(map, "valueType"),
                        map.bool("keysSorted"));
                break;
            case "Option":
                type = new DataType.Option(requireType(map, "inner"));
                break;
            case "Struct":
                type = new DataType.Struct(requireList(map, "fields", this::dataField));
                break;
            case "Time":
                type = new DataType.Time(timeUnit(map));
                break;
            case "Timestamp":
                type = new DataType.Timestamp(timeUnit(map), map.string("timezone"));
                break;
            default:
                type = simpleType(kind);
                break;
        }
        map.finish();
        return type;
    }

    /**
     * A decimal type; in a manifest its precision and scale must be ones Weft can store (Arrow's 128-bit decimals),
     * as a SetDataSchema outside them would be written and then break every query of the dataset.
     */
    private DataType decimal(YamlValue precisionValue, YamlValue scaleValue) {
        final long precision = precisionValue.u32();
        final int scale = scaleValue.intValue();
        if (manifest) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw precisionValue.error(decimalOutOfRange("Decimal(" + precision + ", " + scale + ")"));
            }
            if (scale < 0 || scale > precision) {
                throw scaleValue.error(decimalOutOfRange("Decimal(" + precision + ", " + scale + ")"));
            }
        }
        return new DataType.Decimal(precision, scale);
    }

    private static String decimalOutOfRange(String type) {
        return type + " is out of range: precision must be 1.." + MAX_DECIMAL_PRECISION + " and scale 0..precision";
    }

    /** A type field; unlike other fields it may be YAML's null word, which names the {@code Null} type. */
    private DataType requireType(YamlMap map, String name) {
        final YamlValue type = map.present(name);
        if (type == null || type.isEmptyScalar()) {
            throw map.self().error("missing required field '" + name + "'");
        }
        return dataType(type);
    }

    private String canonicalTypeName(String name) {
        for (String kind : TYPE_KINDS) {
            if (kind.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return TYPE_ALIASES.get(name.toLowerCase(Locale.ROOT));
    }

    /** A type without parameters, or null for kinds that need them. */
    private DataType simpleType(String kind) {
        switch (kind) {
            case "Binary": return new DataType.Binary(null);
            case "Bool": return new DataType.Bool();
            case "Date": return new DataType.Date();
            case "Duration": return new DataType.Duration(null);
            case "Float16": return new DataType.Float16();
            case "Float32": return new DataType.Float32();
            case "Float64": return new DataType.Float64();
            case "Int8": return new DataType.Int8();
            case "Int16": return new DataType.Int16();
            case "Int32": return new DataType.Int32();
            case "Int64": return new DataType.Int64();
            case "UInt8": return new DataType.UInt8();
            case "UInt16": return new DataType.UInt16();
            case "UInt32": return new DataType.UInt32();
            case "UInt64": return new DataType.UInt64();
            case "Null": return new DataType.Null();
            case "Time": return new DataType.Time(null);
            case "Timestamp": return new DataType.Timestamp(null, null);
            case "String": return new DataType.String();
            default: return null;
        }
    }

    private TimeUnit timeUnit(YamlMap map) {
        return object(map, "unit", v -> enumValue(v, "time unit", TimeUnit::fromOdfName,
                List.of("Second", "Millisecond", "Microsecond", "Nanosecond")));
    }

    private MergeStrategy mergeStrategy(YamlValue value) {
        final YamlMap map = value.map();
        final String kind = kind(map, "merge strategy",
                List.of("Append", "Ledger", "Snapshot", "ChangelogStream", "UpsertStream"));
        final MergeStrategy merge;
        switch (kind) {
            case "Append":
                merge = new MergeStrategy.Append();
                break;
            case "Ledger":
                merge = new MergeStrategy.Ledger(primaryKey(map));
                break;
            case "Snapshot":
                merge = new MergeStrategy.Snapshot(primaryKey(map), map.strings("compareColumns", "column names"));
                break;
            case "ChangelogStream":
                merge = new MergeStrategy.ChangelogStream(primaryKey(map));
                break;
            default:
                merge = new MergeStrategy.UpsertStream(primaryKey(map));
                break;
        }
        map.finish();
        return merge;
    }

    private List<String> primaryKey(YamlMap map) {
        final YamlValue key = map.require("primaryKey");
        final List<String> columns = key.strings("column names");
        if (manifest && columns.isEmpty()) {
            throw key.error("expected at least one primary key column");
        }
        return columns;
    }

    private Attachments attachments(YamlValue value) {
        final YamlMap map = value.map();
        kind(map, "attachments", List.of("Embedded"));
        final Attachments attachments = new Attachments.Embedded(requireList(map, "items", item -> {
            final YamlMap itemMap = item.map();
            final AttachmentEmbedded embedded = new AttachmentEmbedded(itemMap.requireString("path"),
                    itemMap.requireString("content"));
            itemMap.finish();
            return embedded;
        }));
        map.finish();
        return attachments;
    }

    private ExtraAttributes extra(YamlMap map, String name) {
        final YamlValue value = map.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isMap()) {
            throw value.error("expected a mapping of attributes, found " + value.describe());
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> entries = (Map<String, Object>) value.plain();
        return ExtraAttributes.of(entries);
    }

    /** The variant named by the mapping's {@code kind}, spelled as in {@code accepted}, matching without case. */
    private String kind(YamlMap map, String what, List<String> accepted) {
        final YamlValue kind = map.present("kind");
        if (kind == null || kind.isEmptyScalar()) {
            throw map.self().error("missing required field 'kind'");
        }
        final String text = kind.name();
        for (String candidate : accepted) {
            if (candidate.equalsIgnoreCase(text)) {
                return candidate;
            }
        }
        throw kind.error("unknown " + what + " kind '" + text + "'; expected one of: " + String.join(", ", accepted));
    }

    private <E> E enumValue(YamlValue value, String what, Function<String, E> parse, List<String> accepted) {
        final String text = value.string();
        for (String candidate : accepted) {
            if (candidate.equalsIgnoreCase(text)) {
                return parse.apply(candidate);
            }
        }
        throw value.error("unknown " + what + " '" + text + "'; expected one of: " + String.join(", ", accepted));
    }

    private <T> T object(YamlMap map, String name, Function<YamlValue, T> read) {
        final YamlValue value = map.get(name);
        return value == null ? null : read.apply(value);
    }

    private <T> List<T> list(YamlMap map, String name, Function<YamlValue, T> read) {
        final YamlValue value = map.get(name);
        if (value == null) {
            return null;
        }
        final List<T> out = new ArrayList<>();
        for (YamlValue item : value.list()) {
            out.add(read.apply(item));
        }
        return out;
    }

    private <T> List<T> requireList(YamlMap map, String name, Function<YamlValue, T> read) {
        final List<T> out = list(map, name, read);
        if (out == null) {
            throw map.self().error("missing required field '" + name + "'");
        }
        return out;
    }
}
