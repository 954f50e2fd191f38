package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetKeyPair;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.store.LocalDatasetStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceIndexTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private LocalDatasetStore store;
    private StoreMetadataChain chain;
    private final List<Multihash> hashes = new ArrayList<>();

    @BeforeEach
    void open() {
        LocalDatasetStore.createLayout(dir);
        store = LocalDatasetStore.open(dir, "indexed");
        chain = new StoreMetadataChain(store);
        // #0 Seed at T0, #1 data [0,9] at T0+10s, #2 SetInfo at T0+20s, #3 data [10,14] at T0+30s,
        // #4 data [15,15] at T0+30s.
        append(T0, new Seed(DatasetKeyPair.generate().id(), DatasetKind.ROOT));
        append(T0.plusSeconds(10), data(null, 0, 9));
        append(T0.plusSeconds(20), new SetInfo("info", null));
        append(T0.plusSeconds(30), data(9L, 10, 14));
        append(T0.plusSeconds(30), data(14L, 15, 15));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void indexListsEveryDataSliceWithItsBlockOldestFirst() {
        final SliceIndex index = SliceIndex.build(chain, hashes.get(4));
        assertThat(index.head()).isEqualTo(hashes.get(4));
        assertThat(index.slices()).extracting(SliceIndex.Slice::blockHash)
                .containsExactly(hashes.get(1), hashes.get(3), hashes.get(4));
        final SliceIndex.Slice second = index.slices().get(1);
        assertThat(second.sequenceNumber()).isEqualTo(3);
        assertThat(second.systemTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(second.offsets()).isEqualTo(new OffsetInterval(10, 14));
        assertThat(second.physicalHash()).isEqualTo(Multihash.sha3(new byte[] {10}));
        assertThat(second.size()).isEqualTo(100 + 10);
        assertThat(index.blocks()).hasSize(5);
    }

    @Test
    void indexOfAnOlderHeadSeesOnlyItsPrefix() {
        final SliceIndex index = SliceIndex.build(chain, hashes.get(2));
        assertThat(index.slices()).extracting(SliceIndex.Slice::blockHash).containsExactly(hashes.get(1));
        assertThat(index.blocks()).hasSize(3);
    }

    @Test
    void blockAsAtATimeIsTheNewestBlockWrittenByThen() {
        final SliceIndex index = SliceIndex.build(chain, hashes.get(4));
        assertThat(index.blockAsAt(T0.minusMillis(1))).isEmpty();
        assertThat(index.blockAsAt(T0).map(SliceIndex.BlockTime::blockHash)).contains(hashes.get(0));
        assertThat(index.blockAsAt(T0.plusSeconds(15)).map(SliceIndex.BlockTime::blockHash)).contains(hashes.get(1));
        assertThat(index.blockAsAt(T0.plusSeconds(30)).map(SliceIndex.BlockTime::blockHash)).contains(hashes.get(4));
        assertThat(index.blockAsAt(T0.plusSeconds(3600)).map(SliceIndex.BlockTime::sequenceNumber)).contains(4L);
    }

    @Test
    void slicesUpToASequenceNumberAndByOffset() {
        final SliceIndex index = SliceIndex.build(chain, hashes.get(4));
        assertThat(index.slicesUpTo(0)).isEmpty();
        assertThat(index.slicesUpTo(2)).hasSize(1);
        assertThat(index.slicesUpTo(3)).hasSize(2);
        assertThat(index.slicesUpTo(99)).hasSize(3);
        assertThat(index.sliceContaining(0).map(SliceIndex.Slice::blockHash)).contains(hashes.get(1));
        assertThat(index.sliceContaining(12).map(SliceIndex.Slice::blockHash)).contains(hashes.get(3));
        assertThat(index.sliceContaining(15).map(SliceIndex.Slice::blockHash)).contains(hashes.get(4));
        assertThat(index.sliceContaining(16)).isEmpty();
    }

    @Test
    void cacheBuildsEachHeadOnceAndExtendsAncestorsIndexes() {
        final SliceIndexCache cache = new SliceIndexCache(chain);
        final SliceIndex atThree = cache.forHead(hashes.get(3));
        assertThat(cache.forHead(hashes.get(3))).isSameAs(atThree);
        assertThat(cache.current()).get().extracting(SliceIndex::head).isEqualTo(hashes.get(4));

        final ChainWriter writer = new ChainWriter(store, new Random(4));
        for (int i = 0; i < 5; i++) {
            writer.appendNext("more");
        }
        final SliceIndex extended = cache.current().orElseThrow();
        final SliceIndex rebuilt = SliceIndex.build(chain, chain.head().orElseThrow());
        assertThat(extended.slices()).isEqualTo(rebuilt.slices());
        assertThat(extended.blocks()).isEqualTo(rebuilt.blocks());
    }

    @Test
    void emptyChainHasNoCurrentIndex() {
        final Path other = dir.resolve("empty");
        LocalDatasetStore.createLayout(other);
        try (LocalDatasetStore empty = LocalDatasetStore.open(other)) {
            assertThat(new SliceIndexCache(new StoreMetadataChain(empty)).current()).isEqualTo(Optional.empty());
        }
    }

    private static AddData data(Long prevOffset, long start, long end) {
        final DataSlice slice = new DataSlice(Multihash.of(Multihash.ARROW0_SHA3_256, new byte[32]),
                Multihash.sha3(new byte[] {(byte) start}), new OffsetInterval(start, end), 100 + start);
        return new AddData(null, prevOffset, slice, null, null, null, null);
    }

    private void append(Instant time, MetadataEvent event) {
        final Multihash prev = hashes.isEmpty() ? null : hashes.get(hashes.size() - 1);
        hashes.add(chain.append(new MetadataBlock(time, prev, hashes.size(), event)));
    }
}
