package dev.weft.odf.chain;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.store.CommitFile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The metadata chain of one dataset: decoded blocks by hash, walks from a block back to the Seed, and appends moved
 * onto the head by compare-and-swap. Implementations are thread-safe.
 */
public interface MetadataChain {
    /** The dataset's name, for messages. */
    String datasetName();

    /** The newest block's hash, or empty before the Seed is committed. */
    Optional<Multihash> head();

    /**
     * The block stored under {@code hash}.
     *
     * @throws dev.weft.odf.error.WeftException {@code NOT_FOUND} when absent, {@code CORRUPTED} when the stored bytes
     *     do not hash to {@code hash} or cannot be decoded
     */
    MetadataBlock block(Multihash hash);

    /** The blocks from {@code start} back to the Seed, newest first, read lazily as the stream is consumed. */
    Stream<ChainBlock> blocksFrom(Multihash start);

    /** The blocks from the current head back to the Seed, newest first, lazily; empty for an empty chain. */
    default Stream<ChainBlock> blocks() {
        return head().map(this::blocksFrom).orElseGet(Stream::empty);
    }

    /**
     * Encodes {@code block} and commits it with {@code files} so that it becomes the head, if the head is still
     * {@code block.prevBlockHash()}.
     *
     * @return the new head hash
     * @throws dev.weft.odf.store.CommitConflictException when another writer moved the head first
     * @throws dev.weft.odf.error.WeftException {@code INVALID_ARGUMENT} when the block's sequence number does not
     *     follow its predecessor's
     */
    Multihash append(MetadataBlock block, List<CommitFile> files);

    /** {@link #append(MetadataBlock, List)} for a block that adds no files. */
    default Multihash append(MetadataBlock block) {
        return append(block, List.of());
    }
}
