package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** A transformation applied by an engine to input data. */
public sealed interface Transform {
    /** The ODF kind name of this variant, {@code "Sql"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** One line naming the transform for messages, e.g. {@code kind Sql, engine datafusion, query "SELECT …"}. */
    String summary();

    /**
     * A SQL transform: {@code engine} required; {@code version}, {@code query}, {@code queries} and
     * {@code temporalTables} nullable.
     */
    record Sql(
            String engine,
            String version,
            String query,
            List<SqlQueryStep> queries,
            List<TemporalTable> temporalTables)
            implements Transform {
        public Sql {
            Objects.requireNonNull(engine, "engine");
            queries = OdfNames.copyOrNull(queries);
            temporalTables = OdfNames.copyOrNull(temporalTables);
        }

        @Override
        public String summary() {
            final String last = query != null ? query
                    : queries == null || queries.isEmpty() ? "" : queries.get(queries.size() - 1).query();
            final String oneLine = last.strip().replaceAll("\\s+", " ");
            return "kind " + kind() + ", engine " + engine + (oneLine.isEmpty() ? "" : ", query \""
                    + (oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine) + "\"");
        }
    }
}
