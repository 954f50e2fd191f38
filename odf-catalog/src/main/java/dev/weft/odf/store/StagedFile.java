package dev.weft.odf.store;

import java.io.OutputStream;

/**
 * A temporary file inside a dataset's store that a writer fills before committing it as a data slice or checkpoint.
 * Not thread-safe: one writer owns it. Closing it deletes the file unless a commit has published it, so
 * {@code try (StagedFile f = store.stage(DATA)) { … store.commit(…) }} never leaves staged files behind.
 */
public interface StagedFile extends AutoCloseable {
    /** Where the file goes when committed. */
    FileKind kind();

    /**
     * Opens the file for writing from its start; the store hashes the bytes as they pass, so committing needs no
     * second read. May be called once.
     */
    OutputStream openOutputStream();

    /** Whether a commit has moved this file into the dataset (after which closing it keeps the file). */
    boolean isCommitted();

    /** Deletes the staged file if it was not committed; idempotent. */
    @Override
    void close();
}
