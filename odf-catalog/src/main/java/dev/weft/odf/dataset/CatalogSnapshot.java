package dev.weft.odf.dataset;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The datasets of a workspace, each pinned to the head it had when the snapshot was taken. Names are looked up
 * case-insensitively, as dataset names are.
 */
public final class CatalogSnapshot {
    private final Map<String, DatasetView> byName;
    private final Map<String, DatasetView> byKey;

    CatalogSnapshot(Map<String, DatasetView> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.byKey = byName.values().stream()
                .collect(Collectors.toUnmodifiableMap(v -> key(v.name()), v -> v));
    }

    /** All datasets. */
    public Collection<DatasetView> datasets() {
        return byName.values();
    }

    /** The dataset of this name in any letter case. */
    public Optional<DatasetView> find(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
