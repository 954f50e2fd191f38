package dev.weft.odf.store;

import dev.weft.odf.identity.DatasetKeyPair;
import java.util.Objects;

/** A dataset just created in a workspace: its name, its (empty) store, and the key pair whose id its Seed must use. */
public record CreatedDataset(DatasetName name, LocalDatasetStore store, DatasetKeyPair keyPair) {
    public CreatedDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keyPair, "keyPair");
    }
}
