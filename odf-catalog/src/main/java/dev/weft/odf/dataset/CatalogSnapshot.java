package dev.weft.odf.dataset;

import java.util.Collection;
import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The datasets of a workspace, each pinned to the head it had when the snapshot was taken, and those that could not
 * be read at all ({@link #damaged()}). Names are looked up case-insensitively, as dataset names are.
 */
public final class CatalogSnapshot {
    private final Map<String, DatasetView> byName;
    private final Map<String, DatasetView> byKey;
    private final List<DamagedDataset> damaged;
    private final Map<String, String> damagedFiles;

    /**
     * @param damagedFiles by dataset name, the problem with a data file that a query found (by hashing it) at the
     *     head pinned here
     */
    CatalogSnapshot(Map<String, DatasetView> byName, List<DamagedDataset> damaged, Map<String, String> damagedFiles) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.byKey = byName.values().stream()
                .collect(Collectors.toUnmodifiableMap(v -> key(v.name()), v -> v));
        this.damaged = List.copyOf(damaged);
        this.damagedFiles = Map.copyOf(damagedFiles);
    }

    /** All datasets that could be read. */
    public Collection<DatasetView> datasets() {
        return byName.values();
    }

    /** The datasets whose head or chain could not be read, in the workspace's order. */
    public List<DamagedDataset> damaged() {
        return damaged;
    }

    /** The damaged dataset of this name in any letter case. */
    public Optional<DamagedDataset> findDamaged(String name) {
        return damaged.stream().filter(d -> key(d.name()).equals(key(name))).findFirst();
    }

    /**
     * What is wrong with the data files of a readable dataset, if anything: a file a query found altered at this head,
     * else the first file missing or not the size its block records. One file-system lookup per data slice; files are
     * not read (a changed byte in a file of the right size is found by {@code weft verify}, or by a query that fails
     * reading it).
     */
    public Optional<String> dataFileProblem(DatasetView view) {
        final String found = damagedFiles.get(view.name());
        return found != null ? Optional.of(found) : view.dataFileProblem();
    }

    /**
     * Every damaged dataset: those of {@link #damaged()} and, after them, those whose chain reads but whose data files
     * are not right ({@link #dataFileProblem}).
     */
    public List<DamagedDataset> checkDataFiles() {
        final List<DamagedDataset> all = new ArrayList<>(damaged);
        for (DatasetView view : byName.values()) {
            dataFileProblem(view).ifPresent(problem -> all.add(new DamagedDataset(view.name(), problem)));
        }
        return all;
    }

    /** The dataset of this name in any letter case. */
    public Optional<DatasetView> find(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
