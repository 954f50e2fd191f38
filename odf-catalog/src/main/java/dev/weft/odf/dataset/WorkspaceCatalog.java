package dev.weft.odf.dataset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.odf.chain.SliceIndexCache;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read access to every dataset of a workspace for the query layer. {@link #snapshot()} pins the current head of each
 * dataset; views are cached by head, so pinning is a read of each {@code refs/head} once the chains have been indexed.
 * Thread-safe.
 */
public final class WorkspaceCatalog {
    private record Entry(LocalDatasetStore store, StoreMetadataChain chain, SliceIndexCache slices) {}

    private record ViewKey(String dataset, Multihash head) {}

    private final Workspace workspace;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Cache<ViewKey, DatasetView> views = Caffeine.newBuilder().maximumSize(1_000).build();

    public WorkspaceCatalog(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * The datasets at their current heads, by name in the workspace's order. Datasets whose creation has not finished
     * (no head yet) are left out.
     */
    public CatalogSnapshot snapshot() {
        final Map<String, DatasetView> pinned = new LinkedHashMap<>();
        for (DatasetName name : workspace.datasetNames()) {
            current(name).ifPresent(view -> pinned.put(view.name(), view));
        }
        return new CatalogSnapshot(pinned);
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
