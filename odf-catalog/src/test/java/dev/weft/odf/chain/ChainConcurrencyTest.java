package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.store.CommitConflictException;
import dev.weft.odf.store.LocalDatasetStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ATTEMPTS = 50;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersBuildOneValidChainOfExactlyTheSuccessfulAppends() throws Exception {
        LocalDatasetStore.createLayout(dir);
        try (LocalDatasetStore store = LocalDatasetStore.open(dir, "race")) {
            final Map<String, List<Multihash>> successes = new ConcurrentHashMap<>();
            final AtomicInteger conflicts = new AtomicInteger();
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                final CountDownLatch start = new CountDownLatch(1);
                final List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    final String name = "w" + i;
                    final ChainWriter writer = new ChainWriter(store, new Random(i));
                    futures.add(pool.submit(() -> {
                        start.await();
                        final List<Multihash> mine = new ArrayList<>();
                        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                            try {
                                mine.add(writer.appendNext(name));
                            } catch (CommitConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                        successes.put(name, mine);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            final ValidationReport report = new ChainValidator(store).validate();
            assertThat(report.violations()).isEmpty();
            final List<Multihash> chain =
                    new StoreMetadataChain(store).blocks().map(ChainBlock::hash).toList();
            final HashSet<Multihash> all = new HashSet<>();
            successes.values().forEach(all::addAll);
            assertThat(all.size() + conflicts.get()).isEqualTo(THREADS * ATTEMPTS);
            assertThat(chain).hasSize(all.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(chain)).isEqualTo(all);
            final List<Multihash> oldestFirst = new ArrayList<>(chain);
            Collections.reverse(oldestFirst);
            for (Map.Entry<String, List<Multihash>> entry : successes.entrySet()) {
                assertThat(oldestFirst.stream().filter(entry.getValue()::contains).toList())
                        .as("appends of %s in chain order", entry.getKey())
                        .containsExactlyElementsOf(entry.getValue());
            }
        }
    }
}
