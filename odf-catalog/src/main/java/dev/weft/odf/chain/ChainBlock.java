package dev.weft.odf.chain;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.MetadataBlock;
import java.util.Objects;

/** A decoded metadata block together with the hash it is stored under. */
public record ChainBlock(Multihash hash, MetadataBlock block) {
    public ChainBlock {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(block, "block");
    }

    public long sequenceNumber() {
        return block.sequenceNumber();
    }
}
