package dev.weft.odf.store;

import dev.weft.odf.hash.Multihash;
import java.util.Objects;

/**
 * A staged file to publish with a commit, together with the SHA3-256 hash the caller recorded for it in the block;
 * the store refuses the commit when the file's content does not have that hash.
 */
public record CommitFile(StagedFile file, Multihash hash) {
    public CommitFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(hash, "hash");
    }
}
