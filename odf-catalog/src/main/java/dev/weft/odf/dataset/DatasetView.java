package dev.weft.odf.dataset;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.data.SliceSchema;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.TransformInput;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a reader pinned to one head block of a dataset sees: identity, schema, system column names, the primary key of
 * its merge strategy, the transform inputs of a derivative dataset, and every data slice up to that head. Immutable;
 * the SQL layer builds one per dataset when a query starts, so concurrent commits never change what a query reads.
 *
 * @param schema the latest {@code SetDataSchema} up to the head, or null before the first data
 * @param primaryKey the primary key of the merge strategy in force (empty for Append and derivative datasets)
 * @param retractsAtCommit whether the merge strategy in force writes retractions itself (Snapshot, UpsertStream):
 *     such a {@code -R} repeats the retracted record, old event time included, but takes effect when it was committed
 * @param inputs the inputs of the transform in force (empty for root datasets)
 * @param watermark the latest output watermark, or null
 * @param chain the dataset's chain, for reading blocks at or before the head (blocks never change once written)
 */
public record DatasetView(
        String name,
        DatasetId id,
        DatasetKind kind,
        DataSchema schema,
        SystemColumns systemColumns,
        List<String> primaryKey,
        boolean retractsAtCommit,
        List<TransformInput> inputs,
        Instant watermark,
        SliceIndex slices,
        LocalDatasetStore store,
        MetadataChain chain) {

    /** Names of the four ODF system columns, as the dataset's vocabulary sets them. */
    public record SystemColumns(String offset, String operationType, String systemTime, String eventTime) {
        public static final SystemColumns DEFAULT = new SystemColumns(SliceSchema.OFFSET.getName(),
                SliceSchema.OP.getName(), SliceSchema.SYSTEM_TIME.getName(), SliceSchema.EVENT_TIME.getName());

        static SystemColumns of(SetVocab vocab) {
            return new SystemColumns(
                    vocab.offsetColumn() != null ? vocab.offsetColumn() : DEFAULT.offset,
                    vocab.operationTypeColumn() != null ? vocab.operationTypeColumn() : DEFAULT.operationType,
                    vocab.systemTimeColumn() != null ? vocab.systemTimeColumn() : DEFAULT.systemTime,
                    vocab.eventTimeColumn() != null ? vocab.eventTimeColumn() : DEFAULT.eventTime);
        }

        public List<String> names() {
            return List.of(offset, operationType, systemTime, eventTime);
        }
    }

    public DatasetView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(systemColumns, "systemColumns");
        primaryKey = List.copyOf(primaryKey);
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(slices, "slices");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(chain, "chain");
    }

    /** The head block this view is pinned to. */
    public Multihash head() {
        return slices.head();
    }

    /** The file holding a data slice. */
    public Path dataFile(SliceIndex.Slice slice) {
        return store.path(FileKind.DATA, slice.physicalHash());
    }

    /** The data columns: the schema's fields without the system columns (all of them when there is no schema). */
    public List<DataField> dataFields() {
        if (schema == null) {
            return List.of();
        }
        final Set<String> system = Set.copyOf(systemColumns.names());
        return schema.fields().stream().filter(f -> !system.contains(f.name())).toList();
    }

    /**
     * Reads the metadata of {@code chain} from {@code head} back to its Seed; the slices come from {@code slices},
     * which must describe the same head.
     */
    public static DatasetView read(MetadataChain chain, LocalDatasetStore store, SliceIndex slices) {
        final Multihash head = slices.head();
        DataSchema schema = null;
        SetVocab vocab = null;
        MergeStrategy merge = null;
        List<TransformInput> inputs = null;
        Instant watermark = null;
        boolean watermarkSeen = false;
        Seed seed = null;
        final Set<String> disabledPushSources = new HashSet<>();
        boolean pollingDisabled = false;
        try (Stream<ChainBlock> stream = chain.blocksFrom(head)) {
            final Iterator<ChainBlock> it = stream.iterator();
            while (it.hasNext()) {
                final MetadataEvent event = it.next().block().event();
                if (event instanceof SetDataSchema set && schema == null) {
                    schema = set.schema();
                } else if (event instanceof SetVocab set && vocab == null) {
                    vocab = set;
                } else if (event instanceof SetTransform set && inputs == null) {
                    inputs = set.inputs();
                } else if (event instanceof DisablePollingSource) {
                    pollingDisabled = true;
                } else if (event instanceof DisablePushSource disable) {
                    disabledPushSources.add(disable.sourceName());
                } else if (event instanceof SetPollingSource polling && merge == null && !pollingDisabled) {
                    merge = polling.merge();
                } else if (event instanceof AddPushSource push && merge == null
                        && !disabledPushSources.contains(push.sourceName())) {
                    merge = push.merge();
                } else if (event instanceof AddData add && !watermarkSeen && add.newWatermark() != null) {
                    watermark = add.newWatermark();
                    watermarkSeen = true;
                } else if (event instanceof ExecuteTransform transform && !watermarkSeen
                        && transform.newWatermark() != null) {
                    watermark = transform.newWatermark();
                    watermarkSeen = true;
                } else if (event instanceof Seed s) {
                    seed = s;
                }
            }
        }
        if (seed == null) {
            throw new WeftException(ErrorCode.CORRUPTED,
                    "Dataset '" + chain.datasetName() + "' has no Seed block at the start of its chain");
        }
        return new DatasetView(chain.datasetName(), seed.datasetId(), seed.datasetKind(), schema,
                vocab == null ? SystemColumns.DEFAULT : SystemColumns.of(vocab), merge == null ? List.of() : merge.primaryKey(),
                merge instanceof MergeStrategy.Snapshot || merge instanceof MergeStrategy.UpsertStream,
                inputs == null ? List.of() : inputs, watermark, slices, store, chain);
    }

    /** The view's data file for a slice, checked to exist: a missing file is a damaged store. */
    public Path requireDataFile(SliceIndex.Slice slice) {
        final Path file = dataFile(slice);
        if (!Files.isRegularFile(file)) {
            throw new WeftException(ErrorCode.CORRUPTED, "Dataset '" + name + "' is missing data file "
                    + slice.physicalHash() + " of block " + slice.blockHash() + " (offsets "
                    + slice.offsets().start() + ".." + slice.offsets().end() + ")");
        }
        return file;
    }

    /**
     * What is wrong with the data files of this view, if anything: the first file that is missing or whose size is not
     * the one its block records. One file-system lookup per slice; file contents are not read.
     */
    public Optional<String> dataFileProblem() {
        for (SliceIndex.Slice slice : slices.slices()) {
            final Optional<String> problem = sizeProblem(slice);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the data file of one slice, reading and hashing it whole: missing, of the wrong size, or not
     * hashing to its name. Costs a read of the file; for when a failure already points at it.
     */
    public Optional<String> verifyDataFile(SliceIndex.Slice slice) {
        final Optional<String> problem = sizeProblem(slice);
        if (problem.isPresent()) {
            return problem;
        }
        try (InputStream in = Files.newInputStream(dataFile(slice))) {
            final Multihash actual = Multihash.sha3(in);
            return actual.equals(slice.physicalHash()) ? Optional.empty()
                    : Optional.of("Dataset '" + name + "' has data file " + slice.physicalHash() + " of block "
                            + slice.blockHash() + " whose content hashes to " + actual + ": it was altered");
        } catch (IOException e) {
            return Optional.of("Dataset '" + name + "' has data file " + slice.physicalHash() + " of block "
                    + slice.blockHash() + " that cannot be read: " + e.getMessage());
        }
    }

    private Optional<String> sizeProblem(SliceIndex.Slice slice) {
        final long size;
        try {
            size = Files.size(dataFile(slice));
        } catch (IOException e) {
            return Optional.of("Dataset '" + name + "' is missing data file " + slice.physicalHash() + " of block "
                    + slice.blockHash());
        }
        return size == slice.size() ? Optional.empty()
                : Optional.of("Dataset '" + name + "' has data file " + slice.physicalHash() + " of block "
                        + slice.blockHash() + " with " + size + " bytes, not the " + slice.size()
                        + " its block records");
    }

    @Override
    public String toString() {
        return "DatasetView[" + name + " @ " + head() + "]";
    }
}
