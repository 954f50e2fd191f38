package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import java.util.Objects;

/** A data file added to a dataset: its logical and physical hashes, offsets and size in bytes; all required. */
public record DataSlice(Multihash logicalHash, Multihash physicalHash, OffsetInterval offsetInterval, long size) {
    public DataSlice {
        Objects.requireNonNull(logicalHash, "logicalHash");
        Objects.requireNonNull(physicalHash, "physicalHash");
        Objects.requireNonNull(offsetInterval, "offsetInterval");
    }
}
