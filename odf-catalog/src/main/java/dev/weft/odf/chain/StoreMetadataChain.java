package dev.weft.odf.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.store.CommitFile;
import dev.weft.odf.store.DatasetStore;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link MetadataChain} over a {@link DatasetStore}, with a bounded Caffeine cache of decoded blocks keyed by hash.
 * Blocks are immutable and content-addressed, so cached entries never go stale and need no invalidation; the cache
 * only trades memory for decoding. Thread-safe.
 */
public final class StoreMetadataChain implements MetadataChain {
    /** Default number of decoded blocks kept per chain. */
    public static final long DEFAULT_CACHE_SIZE = 10_000;

    private final DatasetStore store;
    private final Cache<Multihash, MetadataBlock> cache;

    public StoreMetadataChain(DatasetStore store) {
        this(store, DEFAULT_CACHE_SIZE);
    }

    public StoreMetadataChain(DatasetStore store, long cacheSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** The store this chain reads and commits through. */
    public DatasetStore store() {
        return store;
    }

    @Override
    public String datasetName() {
        return store.name();
    }

    @Override
    public Optional<Multihash> head() {
        return store.head();
    }

    @Override
    public MetadataBlock block(Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        return cache.get(hash, this::load);
    }

    @Override
    public Stream<ChainBlock> blocksFrom(Multihash start) {
        Objects.requireNonNull(start, "start");
        final Iterator<ChainBlock> iterator = new Iterator<>() {
            private Multihash next = start;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ChainBlock next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                final ChainBlock current = new ChainBlock(next, block(next));
                next = current.block().prevBlockHash();
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                iterator, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    @Override
    public Multihash append(MetadataBlock block, List<CommitFile> files) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(files, "files");
        final Optional<Multihash> prev = Optional.ofNullable(block.prevBlockHash());
        final long expectedSequence = prev.map(h -> block(h).sequenceNumber() + 1).orElse(0L);
        if (block.sequenceNumber() != expectedSequence) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot append to dataset '" + datasetName()
                    + "': block has sequence number " + block.sequenceNumber() + " but follows "
                    + prev.map(h -> "block " + h.toMultibase()).orElse("nothing") + ", so it must be "
                    + expectedSequence);
        }
        final Multihash hash = store.commit(prev, BlockCodec.encode(block), files);
        cache.put(hash, block);
        return hash;
    }

    private MetadataBlock load(Multihash hash) {
        final byte[] bytes = store.readBlock(hash);
        // Hash what was read: a block whose bytes do not match its name must not be trusted.
        final Multihash actual = Multihash.sha3(bytes);
        if (!actual.equals(hash)) {
            throw new WeftException(ErrorCode.CORRUPTED, "Block " + hash.toMultibase() + " of dataset '"
                    + datasetName() + "' is corrupted: its content hashes to " + actual.toMultibase());
        }
        try {
            return BlockCodec.decode(bytes).block();
        } catch (RuntimeException e) {
            throw new WeftException(ErrorCode.CORRUPTED, "Block " + hash.toMultibase() + " of dataset '"
                    + datasetName() + "' cannot be decoded: " + e.getMessage(), e);
        }
    }
}
