package dev.weft.odf.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestReporter;

/** Runs the lanes of a crash test in parallel, each on its own dataset directory, and records the test's figures. */
public final class CrashLanes {
    private CrashLanes() {}

    /** One lane: kills children committing to {@code datasetDir}, driven by a random {@code seed}. */
    @FunctionalInterface
    public interface Lane<R> {
        R run(Path datasetDir, long seed) throws Exception;
    }

    /** Runs {@code lanes} lanes under {@code dir} and returns their results in lane order. */
    public static <R> List<R> run(Path dir, int lanes, Lane<R> lane) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(lanes);
        try {
            final List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                final Path datasetDir = Files.createDirectories(dir.resolve("lane" + i));
                final long seed = new Random().nextLong();
                futures.add(pool.submit(() -> lane.run(datasetDir, seed)));
            }
            final List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Publishes the figures (plus the time since {@code startedNanos}) to the test report and, because Surefire
     * does not keep report entries, to {@code target/<fileName>}.
     */
    public static void publish(TestReporter reporter, String fileName, Map<String, Long> figures, long startedNanos)
            throws IOException {
        final Map<String, String> all = new TreeMap<>();
        figures.forEach((name, value) -> all.put(name, String.valueOf(value)));
        all.put("millis", String.valueOf(Duration.ofNanos(System.nanoTime() - startedNanos).toMillis()));
        reporter.publishEntry(all);
        final Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve(fileName), all + "\n");
        }
    }
}
