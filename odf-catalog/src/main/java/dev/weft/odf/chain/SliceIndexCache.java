package dev.weft.odf.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.odf.hash.Multihash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SliceIndex}es of one chain, built once per head hash and kept in a bounded Caffeine cache. A head's index
 * never changes (blocks are immutable), so entries never go stale; when the head advances, the new index extends the
 * cached index of the nearest ancestor instead of walking the whole chain again. Thread-safe.
 */
public final class SliceIndexCache {
    /** Default number of heads whose index is kept. */
    public static final long DEFAULT_SIZE = 64;

    private final MetadataChain chain;
    private final Cache<Multihash, SliceIndex> cache;

    public SliceIndexCache(MetadataChain chain) {
        this(chain, DEFAULT_SIZE);
    }

    public SliceIndexCache(MetadataChain chain, long maxHeads) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.cache = Caffeine.newBuilder().maximumSize(maxHeads).build();
    }

    /** The index as of the chain's current head, or empty for an empty chain. */
    public Optional<SliceIndex> current() {
        return chain.head().map(this::forHead);
    }

    /** The index as of {@code head}, built on first use. */
    public SliceIndex forHead(Multihash head) {
        Objects.requireNonNull(head, "head");
        return cache.get(head, this::build);
    }

    private SliceIndex build(Multihash head) {
        final List<ChainBlock> newer = new ArrayList<>();
        Multihash cursor = head;
        SliceIndex base = null;
        while (cursor != null) {
            base = cursor.equals(head) ? null : cache.getIfPresent(cursor);
            if (base != null) {
                break;
            }
            final ChainBlock block = new ChainBlock(cursor, chain.block(cursor));
            newer.add(block);
            cursor = block.block().prevBlockHash();
        }
        return SliceIndex.extend(base, head, newer);
    }
}
