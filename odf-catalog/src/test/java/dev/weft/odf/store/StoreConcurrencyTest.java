package dev.weft.odf.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ATTEMPTS = 50;

    @TempDir
    Path dir;

    @Test
    void concurrentWritersWithoutRetryBuildOneChainOfExactlyTheSuccessfulCommits() throws Exception {
        LocalDatasetStore.createLayout(dir);
        // Two store instances on one directory: the lock must hold across instances, not just within one.
        try (LocalDatasetStore a = LocalDatasetStore.open(dir, "race");
                LocalDatasetStore b = LocalDatasetStore.open(dir, "race")) {
            final Map<String, List<Multihash>> successes = new ConcurrentHashMap<>();
            final AtomicInteger conflicts = new AtomicInteger();
            runWriters(i -> {
                final LocalDatasetStore store = i % 2 == 0 ? a : b;
                final String writer = "w" + i;
                final List<Multihash> mine = new ArrayList<>();
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    final Optional<Multihash> head = store.head();
                    final byte[] block = ToyBlocks.encode(ToyBlocks.next(store, head, writer, Optional.empty()));
                    try {
                        mine.add(store.commit(head, block));
                    } catch (CommitConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
                successes.put(writer, mine);
            });

            final List<Multihash> chain = ToyBlocks.verifiedChain(a);
            final int committed = successes.values().stream().mapToInt(List::size).sum();
            assertThat(committed + conflicts.get()).isEqualTo(THREADS * ATTEMPTS);
            assertThat(committed).isPositive();
            assertThat(chain).hasSize(committed).doesNotHaveDuplicates();
            assertThat(new HashSet<>(chain)).isEqualTo(allOf(successes));
            assertEachWritersCommitsAppearInItsOrder(chain, successes);
        }
    }

    @Test
    void concurrentWritersRetryingOnConflictAllLandWithStagedData() throws Exception {
        LocalDatasetStore.createLayout(dir);
        try (LocalDatasetStore store = LocalDatasetStore.open(dir, "retry")) {
            final Map<String, List<Multihash>> successes = new ConcurrentHashMap<>();
            final AtomicInteger retries = new AtomicInteger();
            runWriters(i -> {
                final String writer = "w" + i;
                final List<Multihash> mine = new ArrayList<>();
                for (int n = 0; n < ATTEMPTS / 5; n++) {
                    final byte[] content = (writer + " row " + n).getBytes(StandardCharsets.UTF_8);
                    try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
                        try (OutputStream out = staged.openOutputStream()) {
                            out.write(content);
                        }
                        final Multihash dataHash = Multihash.sha3(content);
                        while (true) {
                            final Optional<Multihash> head = store.head();
                            final byte[] block =
                                    ToyBlocks.encode(ToyBlocks.next(store, head, writer, Optional.of(dataHash)));
                            try {
                                mine.add(store.commit(head, block, List.of(new CommitFile(staged, dataHash))));
                                break;
                            } catch (CommitConflictException e) {
                                retries.incrementAndGet();
                            }
                        }
                    }
                }
                successes.put(writer, mine);
            });

            final List<Multihash> chain = ToyBlocks.verifiedChain(store);
            assertThat(chain).hasSize(THREADS * (ATTEMPTS / 5));
            assertThat(new HashSet<>(chain)).isEqualTo(allOf(successes));
            assertEachWritersCommitsAppearInItsOrder(chain, successes);
        }
    }

    private interface Writer {
        void run(int index) throws IOException;
    }

    private static void runWriters(Writer writer) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    writer.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HashSet<Multihash> allOf(Map<String, List<Multihash>> successes) {
        final HashSet<Multihash> all = new HashSet<>();
        successes.values().forEach(all::addAll);
        return all;
    }

    private static void assertEachWritersCommitsAppearInItsOrder(
            List<Multihash> newestFirst, Map<String, List<Multihash>> successes) {
        final List<Multihash> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        for (Map.Entry<String, List<Multihash>> entry : successes.entrySet()) {
            final List<Multihash> inChainOrder =
                    oldestFirst.stream().filter(entry.getValue()::contains).toList();
            assertThat(inChainOrder).as("commits of %s in chain order", entry.getKey())
                    .containsExactlyElementsOf(entry.getValue());
        }
    }
}
