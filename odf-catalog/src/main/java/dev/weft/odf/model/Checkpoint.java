package dev.weft.odf.model;

import dev.weft.odf.hash.Multihash;
import java.util.Objects;

/** An engine checkpoint file: its physical hash and size in bytes. */
public record Checkpoint(Multihash physicalHash, long size) {
    public Checkpoint {
        Objects.requireNonNull(physicalHash, "physicalHash");
    }
}
