package dev.weft.odf.model;

import java.util.Objects;

/** One named step of a multi-step SQL transform; {@code alias} is nullable (the last step), {@code query} required. */
public record SqlQueryStep(String alias, String query) {
    public SqlQueryStep {
        Objects.requireNonNull(query, "query");
    }
}
