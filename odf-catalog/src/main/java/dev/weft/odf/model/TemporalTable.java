package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** An input stream to be seen as a temporal table keyed by {@code primaryKey}; both components required. */
public record TemporalTable(String name, List<String> primaryKey) {
    public TemporalTable {
        Objects.requireNonNull(name, "name");
        primaryKey = List.copyOf(primaryKey);
    }
}
