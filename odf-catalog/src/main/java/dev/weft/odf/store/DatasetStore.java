package dev.weft.odf.store;

import dev.weft.odf.hash.Multihash;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Storage of one ODF dataset: content-addressed blocks, data slices and checkpoints, and the {@code refs/head}
 * pointer moved by compare-and-swap.
 *
 * <p>The interface speaks in hashes, streams and channels rather than {@code java.nio.file.Path} so that object
 * storage (S3) can implement it with ranged reads; only {@link LocalDatasetStore} hands out paths, for engines that
 * must open local files themselves.
 *
 * <p>Crash safety: {@link #commit} writes data and checkpoint files first, then the block, and moves the head last,
 * each step atomically. A crash at any point leaves the previous head and everything it references intact; files
 * written before the crash but not reachable from the head are orphans, harmless because nothing refers to them and
 * content addressing makes a later identical write reuse them.
 *
 * <p>Implementations are thread-safe, and safe against other processes committing to the same dataset.
 */
public interface DatasetStore {
    /** Name used in messages (the dataset name, or the directory name for a store opened by path). */
    String name();

    /** The hash of the newest block, or empty for a dataset that has no blocks yet. */
    Optional<Multihash> head();

    /** Whether a block with this hash is stored. */
    boolean containsBlock(Multihash hash);

    /**
     * The stored bytes of a block, exactly as written (hash them, never a re-serialization).
     *
     * @throws dev.weft.odf.error.WeftException {@code NOT_FOUND} naming the dataset and hash when absent
     */
    byte[] readBlock(Multihash hash);

    /** Whether a data slice or checkpoint with this hash is stored. */
    boolean contains(FileKind kind, Multihash hash);

    /** The size in bytes of a stored data slice or checkpoint, or empty when absent. */
    OptionalLong size(FileKind kind, Multihash hash);

    /**
     * Opens a stored data slice or checkpoint for sequential reading; the caller closes the stream.
     *
     * @throws dev.weft.odf.error.WeftException {@code NOT_FOUND} naming the dataset, kind and hash when absent
     */
    InputStream open(FileKind kind, Multihash hash);

    /**
     * Opens a stored data slice or checkpoint for random-access reading (Parquet footers); the caller closes it.
     *
     * @throws dev.weft.odf.error.WeftException {@code NOT_FOUND} naming the dataset, kind and hash when absent
     */
    SeekableByteChannel openChannel(FileKind kind, Multihash hash);

    /**
     * Creates an empty temporary file on the same storage as the dataset for a writer to fill before committing it.
     */
    StagedFile stage(FileKind kind);

    /**
     * Publishes the staged files, then the block, then moves the head from {@code expectedHead} to the new block.
     *
     * <p>Staged files that a failed commit already moved stay published under their hash; passing the same
     * {@link StagedFile}s to a retry is allowed and does not copy them again.
     *
     * @param expectedHead the head the block was built on; empty for the first block
     * @param block the block bytes as they are to be stored
     * @param files staged files the block references, each with the hash the block records for it
     * @return the new head: the SHA3-256 multihash of {@code block}
     * @throws CommitConflictException when the head is no longer {@code expectedHead}
     * @throws dev.weft.odf.error.WeftException {@code INVALID_ARGUMENT} when a file's content does not match its
     *     stated hash (nothing is published then), {@code IO} on storage failures
     */
    Multihash commit(Optional<Multihash> expectedHead, byte[] block, List<CommitFile> files);

    /** {@link #commit(Optional, byte[], List)} for a block that adds no files. */
    default Multihash commit(Optional<Multihash> expectedHead, byte[] block) {
        return commit(expectedHead, block, List.of());
    }
}
