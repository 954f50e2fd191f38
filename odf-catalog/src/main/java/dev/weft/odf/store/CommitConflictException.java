package dev.weft.odf.store;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.util.Objects;
import java.util.Optional;

/** Thrown when a commit's expected head is no longer the dataset's head; the caller may rebuild its block and retry. */
public final class CommitConflictException extends WeftException {
    private static final long serialVersionUID = 1L;

    private final String dataset;
    private final transient Optional<Multihash> expectedHead;
    private final transient Optional<Multihash> actualHead;

    public CommitConflictException(String dataset, Optional<Multihash> expectedHead, Optional<Multihash> actualHead) {
        super(ErrorCode.COMMIT_CONFLICT,
                "Cannot commit to dataset '" + dataset + "': expected head " + describe(expectedHead)
                        + " but the head is " + describe(actualHead) + "; another writer committed first");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.expectedHead = Objects.requireNonNull(expectedHead, "expectedHead");
        this.actualHead = Objects.requireNonNull(actualHead, "actualHead");
    }

    public String dataset() {
        return dataset;
    }

    public Optional<Multihash> expectedHead() {
        return expectedHead;
    }

    public Optional<Multihash> actualHead() {
        return actualHead;
    }

    private static String describe(Optional<Multihash> head) {
        return head.map(Multihash::toMultibase).orElse("(none: empty dataset)");
    }
}
