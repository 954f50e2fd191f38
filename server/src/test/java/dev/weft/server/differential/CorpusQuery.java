package dev.weft.server.differential;

import java.util.Objects;

/**
 * One query of a differential corpus.
 *
 * @param id stable name used in reports and in the known-differences file ({@code select1:1234}, {@code bi:rollup})
 * @param category the corpus it belongs to ({@code select1} … {@code select5}, {@code bi}, {@code generated})
 * @param sql the query text, PostgreSQL syntax
 * @param ordered whether row order is part of the answer (SLT {@code nosort} and a top-level ORDER BY)
 */
public record CorpusQuery(String id, String category, String sql, boolean ordered) {
    public CorpusQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sql, "sql");
    }
}
