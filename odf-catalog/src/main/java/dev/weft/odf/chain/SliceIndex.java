package dev.weft.odf.chain;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.OffsetInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data slices and block system times of a dataset as of one head block, oldest first: what a reader pinned to that
 * head may see. Built by walking the chain once (see {@link SliceIndexCache}); immutable and thread-safe. Lookups by
 * time and offset use binary search, relying on the ODF rules that system times never decrease and offsets are
 * contiguous ({@link ChainValidator} checks both).
 */
public final class SliceIndex {
    /**
     * One data slice: the block that added it and the file that holds it.
     *
     * @param newWatermark the output watermark the block set, or null when it set none
     */
    public record Slice(Multihash blockHash, long sequenceNumber, Instant systemTime, OffsetInterval offsets,
            Multihash physicalHash, long size, Instant newWatermark) {
        public Slice {
            Objects.requireNonNull(blockHash, "blockHash");
            Objects.requireNonNull(systemTime, "systemTime");
            Objects.requireNonNull(offsets, "offsets");
            Objects.requireNonNull(physicalHash, "physicalHash");
        }
    }

    /** A block's place in time. */
    public record BlockTime(Multihash blockHash, long sequenceNumber, Instant systemTime) {
        public BlockTime {
            Objects.requireNonNull(blockHash, "blockHash");
            Objects.requireNonNull(systemTime, "systemTime");
        }
    }

    private final Multihash head;
    private final List<BlockTime> blocks;
    private final List<Slice> slices;
    private final Map<Multihash, BlockTime> blocksByHash;

    private SliceIndex(Multihash head, List<BlockTime> blocks, List<Slice> slices) {
        this.head = head;
        this.blocks = List.copyOf(blocks);
        this.slices = List.copyOf(slices);
        final Map<Multihash, BlockTime> byHash = new HashMap<>();
        for (BlockTime block : blocks) {
            byHash.put(block.blockHash(), block);
        }
        this.blocksByHash = Map.copyOf(byHash);
    }

    /** Indexes the chain from {@code head} back to the Seed. */
    public static SliceIndex build(MetadataChain chain, Multihash head) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(head, "head");
        final List<ChainBlock> newestFirst = chain.blocksFrom(head).toList();
        return extend(null, head, newestFirst);
    }

    /**
     * The index of {@code head}, given the index of one of its ancestors ({@code base}, or null for none) and the
     * blocks after that ancestor up to {@code head}, newest first.
     */
    static SliceIndex extend(SliceIndex base, Multihash head, List<ChainBlock> newerNewestFirst) {
        final List<BlockTime> blocks = new ArrayList<>(base == null ? List.of() : base.blocks);
        final List<Slice> slices = new ArrayList<>(base == null ? List.of() : base.slices);
        final List<ChainBlock> oldestFirst = new ArrayList<>(newerNewestFirst);
        Collections.reverse(oldestFirst);
        for (ChainBlock block : oldestFirst) {
            final Instant time = block.block().systemTime();
            blocks.add(new BlockTime(block.hash(), block.sequenceNumber(), time));
            final DataSlice data = newData(block);
            if (data != null) {
                slices.add(new Slice(block.hash(), block.sequenceNumber(), time, data.offsetInterval(),
                        data.physicalHash(), data.size(), newWatermark(block)));
            }
        }
        return new SliceIndex(head, blocks, slices);
    }

    private static DataSlice newData(ChainBlock block) {
        if (block.block().event() instanceof AddData add) {
            return add.newData();
        }
        if (block.block().event() instanceof ExecuteTransform transform) {
            return transform.newData();
        }
        return null;
    }

    private static Instant newWatermark(ChainBlock block) {
        if (block.block().event() instanceof AddData add) {
            return add.newWatermark();
        }
        if (block.block().event() instanceof ExecuteTransform transform) {
            return transform.newWatermark();
        }
        return null;
    }

    /** The head this index describes. */
    public Multihash head() {
        return head;
    }

    /** All data slices up to the head, oldest first. */
    public List<Slice> slices() {
        return slices;
    }

    /** All blocks up to the head with their system times, oldest first. */
    public List<BlockTime> blocks() {
        return blocks;
    }

    /** The newest block written at or before {@code systemTime}, or empty when the Seed is younger. */
    /** The block with this hash, when it is one of this chain's blocks up to the head. */
    public Optional<BlockTime> block(Multihash hash) {
        return Optional.ofNullable(blocksByHash.get(Objects.requireNonNull(hash, "hash")));
    }

    public Optional<BlockTime> blockAsAt(Instant systemTime) {
        Objects.requireNonNull(systemTime, "systemTime");
        int low = 0;
        int high = blocks.size() - 1;
        int found = -1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            if (blocks.get(mid).systemTime().isAfter(systemTime)) {
                high = mid - 1;
            } else {
                found = mid;
                low = mid + 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(blocks.get(found));
    }

    /** The slices added by blocks up to and including sequence number {@code sequenceNumber}, oldest first. */
    public List<Slice> slicesUpTo(long sequenceNumber) {
        int low = 0;
        int high = slices.size();
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (slices.get(mid).sequenceNumber() <= sequenceNumber) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return slices.subList(0, low);
    }

    /** The slice holding record {@code offset}, or empty when no slice up to the head covers it. */
    public Optional<Slice> sliceContaining(long offset) {
        int low = 0;
        int high = slices.size() - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final OffsetInterval interval = slices.get(mid).offsets();
            if (offset < interval.start()) {
                high = mid - 1;
            } else if (offset > interval.end()) {
                low = mid + 1;
            } else {
                return Optional.of(slices.get(mid));
            }
        }
        return Optional.empty();
    }
}
