package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetKeyPair;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.store.CommitConflictException;
import dev.weft.odf.store.LocalDatasetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataChainTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private LocalDatasetStore store;
    private StoreMetadataChain chain;

    @BeforeEach
    void open() {
        LocalDatasetStore.createLayout(dir);
        store = LocalDatasetStore.open(dir, "chain");
        chain = new StoreMetadataChain(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void emptyChainHasNoHeadAndNoBlocks() {
        assertThat(chain.head()).isEmpty();
        assertThat(chain.blocks()).isEmpty();
    }

    @Test
    void appendedBlocksAreWalkedFromHeadBackToTheSeed() {
        final ChainWriter writer = new ChainWriter(store, new Random(1));
        final List<Multihash> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            appended.add(writer.appendNext("block " + i));
        }
        Collections.reverse(appended);
        final List<ChainBlock> walked = chain.blocks().toList();
        assertThat(walked).extracting(ChainBlock::hash).containsExactlyElementsOf(appended);
        assertThat(walked).extracting(ChainBlock::sequenceNumber)
                .containsExactly(11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
        assertThat(walked.get(walked.size() - 1).block().event()).isInstanceOf(Seed.class);
    }

    @Test
    void appendedBlockIsStoredAsItsCodecBytesUnderTheirHash() {
        final MetadataBlock seed = seed();
        final Multihash hash = chain.append(seed);
        final byte[] stored = store.readBlock(hash);
        assertThat(stored).isEqualTo(BlockCodec.encode(seed));
        assertThat(Multihash.sha3(stored)).isEqualTo(hash);
        assertThat(BlockCodec.decode(stored).block()).isEqualTo(seed);
    }

    @Test
    void appendWithASequenceNumberThatDoesNotFollowIsRejected() {
        final Multihash seed = chain.append(seed());
        assertThatThrownBy(() -> chain.append(new MetadataBlock(T0, seed, 5, new SetInfo("x", null))))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("'chain'", "sequence number 5", "must be 1");
                });
        assertThat(chain.head()).contains(seed);
    }

    @Test
    void appendOnAStaleHeadConflicts() {
        final Multihash seed = chain.append(seed());
        final Multihash first = chain.append(new MetadataBlock(T0, seed, 1, new SetInfo("first", null)));
        assertThatThrownBy(() -> chain.append(new MetadataBlock(T0, seed, 1, new SetInfo("second", null))))
                .isInstanceOfSatisfying(CommitConflictException.class,
                        e -> assertThat(e.actualHead()).contains(first));
    }

    @Test
    void blockWhoseBytesDoNotMatchItsNameIsReportedCorrupted() throws IOException {
        final Multihash seed = chain.append(seed());
        Files.write(store.blockPath(seed), BlockCodec.encode(new MetadataBlock(T0, null, 0,
                new Seed(DatasetKeyPair.generate().id(), DatasetKind.DERIVATIVE))));
        final StoreMetadataChain fresh = new StoreMetadataChain(store);
        assertThatThrownBy(() -> fresh.block(seed))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED);
                    assertThat(e.getMessage()).contains(seed.toMultibase(), "'chain'");
                });
    }

    @Test
    void decodedBlocksAreServedFromTheCacheOnceRead() throws IOException {
        final Multihash seed = chain.append(seed());
        final MetadataBlock first = chain.block(seed);
        Files.delete(store.blockPath(seed));
        assertThat(chain.block(seed)).isSameAs(first);
        assertThatThrownBy(() -> new StoreMetadataChain(store).block(seed))
                .isInstanceOfSatisfying(WeftException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void walkingReadsOlderBlocksOnlyWhenConsumed() throws IOException {
        final ChainWriter writer = new ChainWriter(store, new Random(2));
        final Multihash seed = writer.appendNext("seed");
        for (int i = 0; i < 3; i++) {
            writer.appendNext("b" + i);
        }
        final StoreMetadataChain fresh = new StoreMetadataChain(store);
        Files.delete(store.blockPath(seed));
        assertThat(fresh.blocks().limit(3)).hasSize(3);
        assertThatThrownBy(() -> fresh.blocks().toList())
                .isInstanceOfSatisfying(WeftException.class,
                        e -> assertThat(e.getMessage()).contains(seed.toMultibase()));
    }

    private static MetadataBlock seed() {
        return new MetadataBlock(T0, null, 0, new Seed(DatasetKeyPair.generate().id(), DatasetKind.ROOT));
    }
}
