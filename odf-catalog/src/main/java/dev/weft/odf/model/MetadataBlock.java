package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import java.time.Instant;
import java.util.Objects;

/**
 * One link of a dataset's metadata chain: {@code systemTime} and {@code event} required, {@code prevBlockHash}
 * nullable (absent only in the first block); {@code sequenceNumber} is an unsigned 64-bit value.
 */
public record MetadataBlock(Instant systemTime, Multihash prevBlockHash, long sequenceNumber, MetadataEvent event) {
    public MetadataBlock {
        Objects.requireNonNull(systemTime, "systemTime");
        Objects.requireNonNull(event, "event");
    }
}
