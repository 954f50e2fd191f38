package dev.weft.odf.ingest;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.data.SliceReader;
import dev.weft.odf.data.SliceSchema;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What ingest needs to know of the chain at its head, gathered in one walk. */
final class ChainState {
    private final DatasetName name;
    private Multihash head;
    private long headSequence;
    private Instant headSystemTime;
    private DatasetKind kind;
    private final Map<String, AddPushSource> sources = new LinkedHashMap<>();
    private final List<String> disabled = new ArrayList<>();
    private SetPollingSource pollingSource;
    private boolean pollingDisabled;
    private SourceState pollingState;
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
            if (pollingState == null && add.newSourceState() != null
                    && add.newSourceState().sourceName().equals(PollingIngester.SOURCE_NAME)) {
                pollingState = add.newSourceState();
            }
            if (watermark == null) {
                watermark = add.newWatermark();
            }
        } else if (event instanceof AddPushSource source) {
            if (!disabled.contains(source.sourceName())) {
                sources.putIfAbsent(source.sourceName(), source);
            }
        } else if (event instanceof SetPollingSource polling) {
            if (pollingSource == null && !pollingDisabled) {
                pollingSource = polling;
            }
        } else if (event instanceof DisablePollingSource) {
            if (pollingSource == null) {
                pollingDisabled = true;
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

    /**
     * The polling source in force.
     *
     * @throws WeftException {@code NOT_FOUND} when the dataset has none (or disabled it)
     */
    SetPollingSource pollingSource() {
        if (pollingSource == null) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Dataset '" + name + "' has no "
                    + (pollingDisabled ? "enabled " : "") + "polling source (SetPollingSource); "
                    + "push files into it with `weft ingest` instead");
        }
        return pollingSource;
    }

    /**
     * Fails unless this is a root dataset: derivative datasets are computed from their inputs, never ingested into.
     */
    ChainState requireRoot() {
        if (kind != DatasetKind.ROOT) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest into '" + name
                    + "': it is a derivative dataset, computed from its inputs rather than ingested");
        }
        return this;
    }

    boolean isDerivative() {
        return kind == DatasetKind.DERIVATIVE;
    }

    boolean hasPollingSource() {
        return pollingSource != null;
    }

    /** The source state the polling source recorded last, or null. */
    SourceState pollingState() {
        return pollingState;
    }

    String operationTypeColumn() {
        return vocab != null && vocab.operationTypeColumn() != null
                ? vocab.operationTypeColumn()
                : SliceSchema.OP.getName();
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
                        final FieldVector eventTime = batch.getVector(eventTimeName);
                        final FieldVector[] vectors = new FieldVector[columns.size()];
                        for (int c = 0; c < vectors.length; c++) {
                            vectors[c] = batch.getVector(columns.get(c).name());
                        }
                        for (int row = 0; row < batch.getRowCount(); row++) {
                            final Object[] values = new Object[vectors.length];
                            for (int c = 0; c < vectors.length; c++) {
                                values[c] = vectors[c] == null ? null : columns.get(c).type().get(vectors[c], row);
                            }
                            merger.fold(new IngestRow(op.get(row), eventTimeMillis(eventTime, row), values));
                        }
                    }
                }
            }
        }
    }

    /** An event time as epoch milliseconds, stored as a timestamp (ms) or as a date32 (its midnight, UTC). */
    private static long eventTimeMillis(FieldVector vector, int row) {
        return vector instanceof DateDayVector dates ? dates.get(row) * 86_400_000L
                : ((TimeStampMilliTZVector) vector).get(row);
    }
}
