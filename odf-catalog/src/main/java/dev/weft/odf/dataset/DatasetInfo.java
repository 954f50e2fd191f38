package dev.weft.odf.dataset;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.Seed;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A summary of one dataset at its current head: identity, kind, size of the chain and of its data. Computed by one
 * walk of the chain.
 *
 * @param lastUpdated system time of the head block
 */
public record DatasetInfo(
        String name,
        DatasetId id,
        DatasetKind kind,
        Multihash head,
        long blocks,
        long records,
        long dataSize,
        Instant lastUpdated) {
    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /**
     * Walks the chain from its head.
     *
     * @throws WeftException {@code CORRUPTED} when the chain is empty or does not start with a Seed
     */
    public static DatasetInfo read(MetadataChain chain) {
        final Multihash head = chain.head().orElseThrow(() -> new WeftException(ErrorCode.CORRUPTED,
                "Dataset '" + chain.datasetName() + "' has no blocks (its creation was interrupted)"));
        long blocks = 0;
        long records = 0;
        long dataSize = 0;
        Instant lastUpdated = null;
        Seed seed = null;
        try (Stream<ChainBlock> stream = chain.blocksFrom(head)) {
            final Iterator<ChainBlock> it = stream.iterator();
            while (it.hasNext()) {
                final ChainBlock block = it.next();
                if (lastUpdated == null) {
                    lastUpdated = block.block().systemTime();
                }
                blocks++;
                final MetadataEvent event = block.block().event();
                final DataSlice slice = newData(event);
                if (slice != null) {
                    final OffsetInterval interval = slice.offsetInterval();
                    records += interval.end() - interval.start() + 1;
                    dataSize += slice.size();
                }
                if (event instanceof Seed s) {
                    seed = s;
                }
            }
        }
        if (seed == null) {
            throw new WeftException(ErrorCode.CORRUPTED,
                    "Dataset '" + chain.datasetName() + "' has no Seed block at the start of its chain");
        }
        return new DatasetInfo(chain.datasetName(), seed.datasetId(), seed.datasetKind(), head, blocks, records,
                dataSize, lastUpdated);
    }

    private static DataSlice newData(MetadataEvent event) {
        // Java 17 has no pattern matching in switch; these are the only two events that carry data.
        if (event instanceof AddData add) {
            return add.newData();
        }
        return event instanceof ExecuteTransform transform ? transform.newData() : null;
    }
}
