package dev.weft.odf.model;

import java.util.List;

/** How newly ingested records are merged into a root dataset's history; primary keys are required. */
public sealed interface MergeStrategy {
    /** The ODF kind name of this variant, e.g. {@code "Ledger"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** The primary key columns; empty for Append, which has none. */
    default List<String> primaryKey() {
        return List.of();
    }

    /** Every record is appended as is. */
    record Append() implements MergeStrategy {}

    /** Append-only events deduplicated by {@code primaryKey}. */
    record Ledger(List<String> primaryKey) implements MergeStrategy {
        public Ledger {
            primaryKey = List.copyOf(primaryKey);
        }
    }

    /** Full snapshots diffed by {@code primaryKey}; {@code compareColumns} is nullable (all other columns). */
    record Snapshot(List<String> primaryKey, List<String> compareColumns) implements MergeStrategy {
        public Snapshot {
            primaryKey = List.copyOf(primaryKey);
            compareColumns = OdfNames.copyOrNull(compareColumns);
        }
    }

    /** Changelog records that carry their own operation type. */
    record ChangelogStream(List<String> primaryKey) implements MergeStrategy {
        public ChangelogStream {
            primaryKey = List.copyOf(primaryKey);
        }
    }

    /** Upserts (and deletions) keyed by {@code primaryKey}. */
    record UpsertStream(List<String> primaryKey) implements MergeStrategy {
        public UpsertStream {
            primaryKey = List.copyOf(primaryKey);
        }
    }
}
