package dev.weft.odf.ingest;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.data.SliceFile;
import dev.weft.odf.data.SliceReader;
import dev.weft.odf.data.SliceSchema;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.store.CommitFile;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.LocalStagedFile;
import dev.weft.odf.store.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Ingests files into a root dataset through one of its push sources ({@code AddPushSource}): reads and types the
 * records, applies the source's merge strategy against the dataset's existing records, writes one data slice and
 * commits {@code SetDataSchema} (when the schema is new) and {@code AddData}. Everything is read and checked before
 * anything is committed, so bad input leaves the dataset as it was. The head is read once at the start; a concurrent
 * commit makes this ingest fail with a conflict instead of merging against stale state.
 */
public final class PushIngester {
    private final Workspace workspace;
    private final Clock clock;

    public PushIngester(Workspace workspace, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What to ingest with.
     *
     * @param sourceName the push source to use; null when the dataset has exactly one
     * @param format {@code csv}, or null for the source's own format
     * @param eventTime event time of records that carry none; null for the ingest time
     */
    public record Options(String sourceName, String format, Instant eventTime) {
        public static final Options DEFAULT = new Options(null, null, null);
    }

    /**
     * What an ingest committed.
     *
     * @param offsets offsets of the new records, null when nothing new was committed
     * @param head the dataset's head afterwards
     */
    public record Result(long inputRecords, long records, OffsetInterval offsets, Multihash head) {}

    /**
     * Ingests {@code files} as one commit.
     *
     * @throws WeftException {@code INVALID_DATA} naming file, line and column of a bad value; {@code NOT_FOUND} for
     *     unknown datasets, files or sources; {@code COMMIT_CONFLICT} when another writer committed meanwhile
     */
    public Result ingest(DatasetName name, List<Path> files, Options options) {
        return ingest(name, files, options, IngestProgress.NONE);
    }

    /** As {@link #ingest(DatasetName, List, Options)}, reporting progress while reading. */
    public Result ingest(DatasetName name, List<Path> files, Options options, IngestProgress progress) {
        final LocalDatasetStore store = workspace.dataset(name);
        final MetadataChain chain = new StoreMetadataChain(store);
        final ChainState state = ChainState.read(chain, name);
        final AddPushSource source = state.pushSource(options.sourceName());
        final ReadStep.Csv csv = csvReadStep(name, source, options.format());
        final List<IngestColumn> declared = IngestColumns.declared(csv);
        final String eventTimeName = state.eventTimeColumn();
        final Instant systemTime = state.notBeforeHead(clock.instant());
        final long defaultEventTime = (options.eventTime() != null ? options.eventTime() : systemTime).toEpochMilli();

        try (CsvRowReader reader = CsvRowReader.open(files, csv, declared, eventTimeName, defaultEventTime);
                LocalStagedFile staged = store.stage(FileKind.DATA)) {
            final List<IngestColumn> columns = reader.dataColumns();
            final Merger merger = new Merger(source.merge(), columns.stream().map(IngestColumn::name).toList());
            final Schema sliceSchema = SliceSchema.withDataColumns(eventTimeName, dataFields(columns));
            final SliceFile slice;
            final long records;
            final long maxEventTime;
            try (SliceBatchWriter writer = new SliceBatchWriter(staged.path(), sliceSchema, columns,
                    state.nextOffset(), systemTime.toEpochMilli())) {
                if (merger.needsHistory()) {
                    // Keyed merges compare the whole input with the current state, so they hold the input in memory.
                    state.foldHistory(store, columns, eventTimeName, merger);
                    final List<IngestRow> input = new ArrayList<>();
                    for (IngestRow row = reader.next(); row != null; row = reader.next()) {
                        input.add(row);
                        report(progress, reader);
                    }
                    for (IngestRow change : merger.merge(input)) {
                        writer.write(change);
                    }
                } else {
                    for (IngestRow row = reader.next(); row != null; row = reader.next()) {
                        writer.write(row);
                        report(progress, reader);
                    }
                }
                progress.finished(reader.bytesRead(), reader.recordsRead());
                records = writer.written();
                maxEventTime = writer.maxEventTime();
                slice = records == 0 ? null : writer.finish();
            }
            if (records == 0) {
                return new Result(reader.recordsRead(), 0, null, state.head());
            }
            final OffsetInterval offsets = new OffsetInterval(state.nextOffset(), state.nextOffset() + records - 1);
            final DataSchema dataSchema = dataSchema(columns, eventTimeName);
            Multihash head = state.head();
            long sequence = state.nextSequence();
            if (!dataSchema.equals(state.schema())) {
                head = chain.append(new MetadataBlock(systemTime, head, sequence++, new SetDataSchema(null, dataSchema)),
                        List.of());
            }
            final Instant watermark = state.watermark() == null || state.watermark().toEpochMilli() < maxEventTime
                    ? Instant.ofEpochMilli(maxEventTime)
                    : state.watermark();
            final AddData addData = new AddData(null, state.lastOffset(),
                    new DataSlice(slice.logicalHash(), slice.physicalHash(), offsets, slice.sizeBytes()),
                    null, watermark, null, null);
            head = chain.append(new MetadataBlock(systemTime, head, sequence, addData),
                    List.of(new CommitFile(staged, slice.physicalHash())));
            return new Result(reader.recordsRead(), records, offsets, head);
        }
    }

    private static void report(IngestProgress progress, CsvRowReader reader) {
        if ((reader.recordsRead() & 0xFFFF) == 0) {
            progress.update(reader.bytesRead(), reader.recordsRead());
        }
    }

    private static List<Field> dataFields(List<IngestColumn> columns) {
        final List<Field> fields = new ArrayList<>();
        for (IngestColumn column : columns) {
            fields.add(new Field(column.name(), FieldType.nullable(column.type().arrowType()), null));
        }
        return fields;
    }

    private static ReadStep.Csv csvReadStep(DatasetName name, AddPushSource source, String format) {
        if (format != null && !format.equalsIgnoreCase("csv")) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot ingest into '" + name + "' as " + format
                    + ": this version of Weft reads CSV only (NdJson, Json and Parquet readers are not built yet)");
        }
        if (source.read() instanceof ReadStep.Csv csv) {
            return csv;
        }
        if (format != null) {
            return new ReadStep.Csv(source.read().ddlSchema(), null, null, null, null, true, null, null, null, null,
                    source.read().schema());
        }
        throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot ingest into '" + name + "': its push source '"
                + source.sourceName() + "' reads " + source.read().kind()
                + ", and this version of Weft reads CSV only (pass --format csv to read CSV files with its schema)");
    }

    private static DataSchema dataSchema(List<IngestColumn> dataColumns, String eventTimeName) {
        final List<DataField> fields = new ArrayList<>();
        fields.add(new DataField(SliceSchema.OFFSET.getName(), new dev.weft.odf.model.DataType.Int64(), null));
        fields.add(new DataField(SliceSchema.OP.getName(), new dev.weft.odf.model.DataType.Int32(), null));
        fields.add(new DataField(SliceSchema.SYSTEM_TIME.getName(), ColumnType.TIMESTAMP.odfType(), null));
        fields.add(new DataField(eventTimeName, ColumnType.TIMESTAMP.odfType(), null));
        for (IngestColumn column : dataColumns) {
            fields.add(new DataField(column.name(),
                    new dev.weft.odf.model.DataType.Option(column.type().odfType()), null));
        }
        return new DataSchema(fields, null);
    }

    /** What ingest needs to know of the chain at its head, gathered in one walk. */
    private static final class ChainState {
        private final DatasetName name;
        private Multihash head;
        private long headSequence;
        private Instant headSystemTime;
        private DatasetKind kind;
        private final Map<String, AddPushSource> sources = new LinkedHashMap<>();
        private final List<String> disabled = new ArrayList<>();
        private SetVocab vocab;
        private DataSchema schema;
        private Long lastOffset;
        private Instant watermark;
        private final List<DataSlice> slices = new ArrayList<>();

        private ChainState(DatasetName name) {
            this.name = name;
        }

        static ChainState read(MetadataChain chain, DatasetName name) {
            final ChainState state = new ChainState(name);
            state.head = chain.head().orElseThrow(() -> new WeftException(ErrorCode.CORRUPTED,
                    "Dataset '" + name + "' has no blocks (its creation was interrupted)"));
            try (Stream<ChainBlock> blocks = chain.blocksFrom(state.head)) {
                final Iterator<ChainBlock> it = blocks.iterator();
                boolean first = true;
                while (it.hasNext()) {
                    final ChainBlock block = it.next();
                    if (first) {
                        state.headSequence = block.sequenceNumber();
                        state.headSystemTime = block.block().systemTime();
                        first = false;
                    }
                    state.visit(block.block().event());
                }
            }
            java.util.Collections.reverse(state.slices);
            if (state.kind != DatasetKind.ROOT) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest into '" + name
                        + "': it is a derivative dataset, computed from its inputs by `weft pull`");
            }
            return state;
        }

        private void visit(MetadataEvent event) {
            // Newest first: the first occurrence of each setting is the one in force.
            if (event instanceof AddData add) {
                if (add.newData() != null) {
                    slices.add(add.newData());
                    if (lastOffset == null) {
                        lastOffset = add.newData().offsetInterval().end();
                    }
                } else if (lastOffset == null && add.prevOffset() != null) {
                    lastOffset = add.prevOffset();
                }
                if (watermark == null) {
                    watermark = add.newWatermark();
                }
            } else if (event instanceof AddPushSource source) {
                if (!disabled.contains(source.sourceName())) {
                    sources.putIfAbsent(source.sourceName(), source);
                }
            } else if (event instanceof DisablePushSource disable) {
                disabled.add(disable.sourceName());
            } else if (event instanceof SetVocab setVocab) {
                if (vocab == null) {
                    vocab = setVocab;
                }
            } else if (event instanceof SetDataSchema setSchema) {
                if (schema == null) {
                    schema = setSchema.schema();
                }
            } else if (event instanceof Seed seed) {
                kind = seed.datasetKind();
            }
        }

        AddPushSource pushSource(String requested) {
            if (requested != null) {
                final AddPushSource source = sources.get(requested);
                if (source == null) {
                    throw new WeftException(ErrorCode.NOT_FOUND, "Dataset '" + name + "' has no push source named '"
                            + requested + "'" + (sources.isEmpty() ? "" : "; its push sources are " + sources.keySet()));
                }
                return source;
            }
            if (sources.size() == 1) {
                return sources.values().iterator().next();
            }
            if (sources.isEmpty()) {
                throw new WeftException(ErrorCode.NOT_FOUND, "Dataset '" + name
                        + "' has no push source (AddPushSource); add one to its manifest to ingest files");
            }
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Dataset '" + name + "' has several push sources "
                    + sources.keySet() + "; choose one with --source");
        }

        String eventTimeColumn() {
            return vocab != null && vocab.eventTimeColumn() != null
                    ? vocab.eventTimeColumn()
                    : SliceSchema.EVENT_TIME.getName();
        }

        Multihash head() {
            return head;
        }

        /** {@code now}, or the head's system time when the clock is behind it: system time never goes back. */
        Instant notBeforeHead(Instant now) {
            return now.isBefore(headSystemTime) ? headSystemTime : now;
        }

        long nextSequence() {
            return headSequence + 1;
        }

        DataSchema schema() {
            return schema;
        }

        Long lastOffset() {
            return lastOffset;
        }

        long nextOffset() {
            return lastOffset == null ? 0 : lastOffset + 1;
        }

        Instant watermark() {
            return watermark;
        }

        /** Feeds every existing record, in offset order, to the merger, matching data columns by name. */
        void foldHistory(LocalDatasetStore store, List<IngestColumn> columns, String eventTimeName, Merger merger) {
            try (BufferAllocator allocator = new RootAllocator()) {
                for (DataSlice slice : slices) {
                    final Path file = store.path(FileKind.DATA, slice.physicalHash());
                    try (SliceReader reader = SliceReader.open(file, allocator)) {
                        while (reader.loadNextBatch()) {
                            final VectorSchemaRoot batch = reader.root();
                            final IntVector op = (IntVector) batch.getVector(SliceSchema.OP.getName());
                            final TimeStampMilliTZVector eventTime = (TimeStampMilliTZVector) batch.getVector(eventTimeName);
                            final FieldVector[] vectors = new FieldVector[columns.size()];
                            for (int c = 0; c < vectors.length; c++) {
                                vectors[c] = batch.getVector(columns.get(c).name());
                            }
                            for (int row = 0; row < batch.getRowCount(); row++) {
                                final Object[] values = new Object[vectors.length];
                                for (int c = 0; c < vectors.length; c++) {
                                    values[c] = vectors[c] == null ? null : columns.get(c).type().get(vectors[c], row);
                                }
                                merger.fold(new IngestRow(op.get(row), eventTime.get(row), values));
                            }
                        }
                    }
                }
            }
        }
    }
}
