package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import java.util.Objects;

/**
 * The slice of one input a transform step consumed: {@code datasetId} required; block hashes and (unsigned) offsets
 * nullable, absent when the input had no new data.
 */
public record ExecuteTransformInput(
        DatasetId datasetId, Multihash prevBlockHash, Multihash newBlockHash, Long prevOffset, Long newOffset) {
    public ExecuteTransformInput {
        Objects.requireNonNull(datasetId, "datasetId");
    }
}
