package dev.weft.odf.dataset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.odf.chain.SliceIndexCache;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read access to every dataset of a workspace for the query layer. {@link #snapshot()} pins the current head of each
 * dataset; views are cached by head, so pinning is a read of each {@code refs/head} once the chains have been indexed.
 * A dataset whose head or chain cannot be read is reported as damaged (and logged once per distinct problem) instead
 * of failing the whole snapshot: one bad dataset never hides the others. Thread-safe.
 */
public final class WorkspaceCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceCatalog.class);

    private record Entry(LocalDatasetStore store, StoreMetadataChain chain, SliceIndexCache slices) {}

    private record ViewKey(String dataset, Multihash head) {}

    /** A data file found damaged at one head of a dataset. */
    private record DamagedFile(Multihash head, String problem) {}

    private final Workspace workspace;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Cache<ViewKey, DatasetView> views = Caffeine.newBuilder().maximumSize(1_000).build();
    /** The problem last logged for each damaged dataset, so that a problem is logged when found, not per query. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    /** By dataset name: the data file a query found damaged, reported until the dataset's head moves. */
    private final Map<String, DamagedFile> damagedFiles = new ConcurrentHashMap<>();

    public WorkspaceCatalog(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * The datasets at their current heads, by name in the workspace's order. Datasets whose creation has not finished
     * (no head yet) are left out; those whose head or chain cannot be read are listed as damaged.
     */
    public CatalogSnapshot snapshot() {
        final Map<String, DatasetView> pinned = new LinkedHashMap<>();
        final List<DamagedDataset> damaged = new ArrayList<>();
        final Map<String, String> files = new HashMap<>();
        for (DatasetName name : workspace.datasetNames()) {
            try {
                current(name).ifPresent(view -> {
                    pinned.put(view.name(), view);
                    final DamagedFile file = damagedFiles.get(view.name());
                    if (file != null && file.head().equals(view.head())) {
                        files.put(view.name(), file.problem());
                    } else if (file != null) {
                        damagedFiles.remove(view.name(), file);
                    }
                });
                if (reported.remove(name.value()) != null) {
                    LOG.info("Dataset '{}' is readable again and served", name.value());
                }
            } catch (RuntimeException e) {
                // Any failure, not only CORRUPTED: an unexpected one in one dataset must not hide the others either.
                final String problem = e.getMessage() == null ? e.toString() : e.getMessage();
                damaged.add(new DamagedDataset(name.value(), problem));
                if (!problem.equals(reported.put(name.value(), problem))) {
                    LOG.warn("Dataset '{}' is damaged and not served until repaired: {}", name.value(), problem);
                }
            }
        }
        return new CatalogSnapshot(pinned, damaged, files);
    }

    /**
     * Records that a data file of {@code view} is damaged, found by reading it (a changed byte keeps the file's size,
     * so the cheap checks of {@link CatalogSnapshot#dataFileProblem} cannot see it): later snapshots report it until
     * the dataset's head moves.
     */
    public void reportDamagedFile(DatasetView view, String problem) {
        final DamagedFile damaged = new DamagedFile(view.head(), problem);
        if (!damaged.equals(damagedFiles.put(view.name(), damaged))) {
            LOG.warn("Dataset '{}' is damaged: {}", view.name(), problem);
        }
    }

    /** The dataset at its current head, or empty when it has no blocks yet. */
    public Optional<DatasetView> current(DatasetName name) {
        final Entry entry = entry(name);
        return entry.chain.head().map(head -> view(entry, head));
    }

    private DatasetView view(Entry entry, Multihash head) {
        return views.get(new ViewKey(entry.store.name(), head),
                key -> DatasetView.read(entry.chain, entry.store, entry.slices.forHead(head)));
    }

    private Entry entry(DatasetName name) {
        final LocalDatasetStore store = workspace.dataset(name);
        return entries.computeIfAbsent(store.name(), key -> {
            final StoreMetadataChain chain = new StoreMetadataChain(store);
            return new Entry(store, chain, new SliceIndexCache(chain));
        });
    }
}
