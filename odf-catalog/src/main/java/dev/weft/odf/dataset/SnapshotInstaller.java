package dev.weft.odf.dataset;

import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.ingest.PollingIngester;
import dev.weft.odf.ingest.ProjectionPreprocess;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.TransformInput;
import dev.weft.odf.store.CreatedDataset;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates datasets from DatasetSnapshots: checks all of them against each other and the workspace first, so that
 * a bad one writes nothing, then gives each a Seed block followed by one block per event. Derivative inputs given
 * by alias are resolved to dataset ids, and datasets are created after the inputs they read.
 */
public final class SnapshotInstaller {
    private final Workspace workspace;
    private final Clock clock;

    public SnapshotInstaller(Workspace workspace, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@link #install} created for one snapshot. */
    public record Installed(DatasetName name, DatasetId id, DatasetKind kind, Multihash head, int blocks) {}

    /**
     * Validates every snapshot, then creates the datasets in dependency order.
     *
     * @throws WeftException naming the dataset and the problem; when thrown by validation nothing was written
     */
    public List<Installed> install(List<DatasetSnapshot> snapshots) {
        final Map<String, Planned> planned = plan(snapshots);
        final Map<String, DatasetId> createdIds = new HashMap<>();
        final List<Installed> installed = new ArrayList<>();
        for (Planned dataset : order(planned)) {
            final CreatedDataset created = workspace.createDataset(dataset.name());
            createdIds.put(dataset.name().key(), created.keyPair().id());
            final Instant now = clock.instant();
            final List<MetadataEvent> events = new ArrayList<>();
            events.add(new Seed(created.keyPair().id(), dataset.snapshot().kind()));
            for (MetadataEvent event : dataset.snapshot().metadata()) {
                events.add(resolveInputs(event, createdIds));
            }
            Optional<Multihash> head = Optional.empty();
            long sequence = 0;
            for (MetadataEvent event : events) {
                final MetadataBlock block = new MetadataBlock(now, head.orElse(null), sequence++, event);
                head = Optional.of(created.store().commit(head, BlockCodec.encode(block), List.of()));
            }
            installed.add(new Installed(dataset.name(), created.keyPair().id(), dataset.snapshot().kind(),
                    head.orElseThrow(), events.size()));
        }
        return installed;
    }

    private record Planned(DatasetName name, DatasetSnapshot snapshot, List<String> inputKeys) {}

    private Map<String, Planned> plan(List<DatasetSnapshot> snapshots) {
        final Map<String, Planned> planned = new LinkedHashMap<>();
        for (DatasetSnapshot snapshot : snapshots) {
            final DatasetName name = DatasetName.of(snapshot.name());
            if (planned.containsKey(name.key())) {
                throw new WeftException(ErrorCode.ALREADY_EXISTS,
                        "Cannot add dataset '" + name + "': it is defined twice in the given manifests");
            }
            if (workspace.contains(name)) {
                throw new WeftException(ErrorCode.ALREADY_EXISTS,
                        "Cannot add dataset '" + name + "': the workspace has a dataset of that name already");
            }
            checkEventsFitKind(name, snapshot);
            planned.put(name.key(), new Planned(name, snapshot, new ArrayList<>()));
        }
        for (Planned dataset : planned.values()) {
            for (MetadataEvent event : dataset.snapshot().metadata()) {
                if (event instanceof SetTransform transform) {
                    for (TransformInput input : transform.inputs()) {
                        final String ref = input.datasetRef();
                        if (DatasetId.looksLikeDid(ref)) {
                            DatasetId.parse(ref);
                            continue;
                        }
                        final DatasetName inputName = DatasetName.of(ref);
                        if (planned.containsKey(inputName.key())) {
                            dataset.inputKeys().add(inputName.key());
                        } else if (!workspace.contains(inputName)) {
                            throw new WeftException(ErrorCode.NOT_FOUND,
                                    "Cannot add dataset '" + dataset.name() + "': its input '" + ref
                                            + "' is neither in the workspace nor among the given manifests");
                        }
                    }
                }
            }
        }
        return planned;
    }

    private static void checkEventsFitKind(DatasetName name, DatasetSnapshot snapshot) {
        int transforms = 0;
        for (MetadataEvent event : snapshot.metadata()) {
            refusePreprocess(name, event);
            if (event instanceof SetPollingSource polling) {
                PollingIngester.checkPrepareSteps("Cannot add dataset '" + name + "': its polling source's", polling);
            }
            final boolean isSource = event instanceof SetPollingSource || event instanceof AddPushSource;
            if (snapshot.kind() == DatasetKind.DERIVATIVE && isSource) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST, "Cannot add dataset '" + name
                        + "': a derivative dataset cannot have a " + event.kind() + " (only root datasets ingest)");
            }
            if (event instanceof SetTransform) {
                transforms++;
                if (snapshot.kind() == DatasetKind.ROOT) {
                    throw new WeftException(ErrorCode.INVALID_MANIFEST, "Cannot add dataset '" + name
                            + "': a root dataset cannot have a SetTransform (declare it with kind: Derivative)");
                }
            }
        }
        if (snapshot.kind() == DatasetKind.DERIVATIVE && transforms != 1) {
            throw new WeftException(ErrorCode.INVALID_MANIFEST, "Cannot add dataset '" + name
                    + "': a derivative dataset needs exactly one SetTransform, found " + transforms);
        }
    }

    /**
     * Refuses a source with a {@code preprocess} step Weft cannot run (see {@link ProjectionPreprocess}): ingesting
     * without it would write other data than the manifest asks for.
     */
    private static void refusePreprocess(DatasetName name, MetadataEvent event) {
        final Transform preprocess = event instanceof AddPushSource push ? push.preprocess()
                : event instanceof SetPollingSource polling ? polling.preprocess()
                : null;
        final String source = event instanceof AddPushSource push ? "push source '" + push.sourceName() + "'"
                : "polling source";
        ProjectionPreprocess.of("Cannot add dataset '" + name + "': its " + source, preprocess);
    }

    /** Orders datasets so that each comes after the inputs it reads; a cycle is an error. */
    private static List<Planned> order(Map<String, Planned> planned) {
        final List<Planned> ordered = new ArrayList<>();
        final Map<String, Boolean> state = new HashMap<>();
        for (String key : planned.keySet()) {
            visit(key, planned, state, ordered);
        }
        return ordered;
    }

    private static void visit(String key, Map<String, Planned> planned, Map<String, Boolean> done,
            List<Planned> ordered) {
        final Boolean seen = done.get(key);
        if (Boolean.TRUE.equals(seen)) {
            return;
        }
        final Planned dataset = planned.get(key);
        if (Boolean.FALSE.equals(seen)) {
            throw new WeftException(ErrorCode.INVALID_MANIFEST,
                    "Cannot add dataset '" + dataset.name() + "': its inputs form a cycle");
        }
        done.put(key, false);
        for (String input : dataset.inputKeys()) {
            visit(input, planned, done, ordered);
        }
        done.put(key, true);
        ordered.add(dataset);
    }

    private MetadataEvent resolveInputs(MetadataEvent event, Map<String, DatasetId> createdIds) {
        if (!(event instanceof SetTransform transform)) {
            return event;
        }
        final List<TransformInput> resolved = new ArrayList<>();
        for (TransformInput input : transform.inputs()) {
            final String ref = input.datasetRef();
            if (DatasetId.looksLikeDid(ref)) {
                resolved.add(input);
                continue;
            }
            final DatasetName inputName = DatasetName.of(ref);
            final DatasetId id = createdIds.containsKey(inputName.key())
                    ? createdIds.get(inputName.key())
                    : DatasetInfo.read(new StoreMetadataChain(workspace.dataset(inputName))).id();
            resolved.add(new TransformInput(id.toDidString(), input.alias() != null ? input.alias() : ref));
        }
        return new SetTransform(resolved, transform.transform());
    }
}
