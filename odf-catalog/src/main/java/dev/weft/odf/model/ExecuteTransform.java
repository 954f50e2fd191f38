package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import java.time.Instant;
import java.util.List;

/**
 * The result of one transform step of a derivative dataset: {@code queryInputs} required (possibly empty), the
 * others nullable; {@code prevOffset} is an unsigned 64-bit value.
 */
public record ExecuteTransform(
        List<ExecuteTransformInput> queryInputs,
        Multihash prevCheckpoint,
        Long prevOffset,
        DataSlice newData,
        Checkpoint newCheckpoint,
        Instant newWatermark)
        implements MetadataEvent {
    public ExecuteTransform {
        queryInputs = List.copyOf(queryInputs);
    }
}
