package dev.weft.odf.chain;

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
import dev.weft.odf.store.CommitConflictException;
import dev.weft.odf.store.CommitFile;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.LocalStagedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Writes a plausible root dataset for tests: a Seed, then mostly AddData blocks with small random data files and
 * contiguous offsets, and now and then a SetInfo. Not thread-safe; give each writer thread its own.
 */
final class ChainWriter {
    private final LocalDatasetStore store;
    private final StoreMetadataChain chain;
    private final SliceIndexCache slices;
    private final Random random;

    ChainWriter(LocalDatasetStore store, Random random) {
        this.store = store;
        this.chain = new StoreMetadataChain(store);
        this.slices = new SliceIndexCache(chain);
        this.random = random;
    }

    StoreMetadataChain chain() {
        return chain;
    }

    /**
     * Appends one block on the current head, in one attempt.
     *
     * @throws CommitConflictException when another writer moved the head meanwhile
     */
    Multihash appendNext(String label) {
        final Optional<Multihash> head = chain.head();
        if (head.isEmpty()) {
            return chain.append(new MetadataBlock(now(Instant.EPOCH), null, 0,
                    new Seed(DatasetKeyPair.generate().id(), DatasetKind.ROOT)));
        }
        final MetadataBlock prev = chain.block(head.get());
        final Instant time = now(prev.systemTime());
        if (random.nextInt(5) == 0) {
            return chain.append(block(head.get(), prev, time, new SetInfo(label, List.of("test"))));
        }
        final List<SliceIndex.Slice> known = slices.forHead(head.get()).slices();
        final Long lastEnd = known.isEmpty() ? null : known.get(known.size() - 1).offsets().end();
        final long start = lastEnd == null ? 0 : lastEnd + 1;
        final byte[] content = new byte[64 + random.nextInt(2048)];
        random.nextBytes(content);
        final Multihash physical = Multihash.sha3(content);
        final byte[] logical = new byte[32];
        random.nextBytes(logical);
        final DataSlice data = new DataSlice(Multihash.of(Multihash.ARROW0_SHA3_256, logical), physical,
                new OffsetInterval(start, start + random.nextInt(100)), content.length);
        final AddData event = new AddData(null, lastEnd, data, null, time, null, null);
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(content);
            }
            return chain.append(block(head.get(), prev, time, event), List.of(new CommitFile(staged, physical)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one block, rebuilding it on the new head after every conflict. */
    Multihash appendWithRetry(String label) {
        while (true) {
            try {
                return appendNext(label);
            } catch (CommitConflictException e) {
                // Another writer won; the next attempt builds on its block.
                continue;
            }
        }
    }

    private static MetadataBlock block(Multihash prevHash, MetadataBlock prev, Instant time, MetadataEvent event) {
        return new MetadataBlock(time, prevHash, prev.sequenceNumber() + 1, event);
    }

    /** Wall-clock time in whole milliseconds, never before {@code notBefore}, so system time never decreases. */
    private static Instant now(Instant notBefore) {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return now.isBefore(notBefore) ? notBefore : now;
    }
}
