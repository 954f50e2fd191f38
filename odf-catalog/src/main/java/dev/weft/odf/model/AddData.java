package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import java.time.Instant;

/**
 * New data, checkpoint, watermark or source state of a root dataset. Every component is nullable (absent);
 * {@code prevOffset} is an unsigned 64-bit value.
 */
public record AddData(
        Multihash prevCheckpoint,
        Long prevOffset,
        DataSlice newData,
        Checkpoint newCheckpoint,
        Instant newWatermark,
        SourceState newSourceState,
        ExtraAttributes extra)
        implements MetadataEvent {}
