package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.store.CrashLanes;
import dev.weft.odf.store.ChildJvm;
import dev.weft.odf.store.LocalDatasetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills child JVMs that append real ODF blocks at random moments and, after every kill, validates the whole chain
 * and its data files with {@link ChainValidator} and checks that no block the child saw committed is lost.
 */
class ChainCrashTest {
    private static final int LANES = 2;
    private static final int KILLS_PER_LANE = 110;
    /** Kill delays are drawn up to this bound after the child reports it started; an append takes a few ms. */
    private static final int MAX_KILL_DELAY_MS = 200;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** What one lane did. */
    private record LaneResult(int kills, int reportedCommits, int chainLength, long orphanBlocks) {}

    @Test
    void killingAppendersAtRandomMomentsAlwaysLeavesAValidChainWithEveryReportedBlock(TestReporter reporter)
            throws Exception {
        final long started = System.nanoTime();
        final List<LaneResult> results = CrashLanes.run(dir, LANES, this::runLane);
        final int kills = results.stream().mapToInt(LaneResult::kills).sum();
        final int commits = results.stream().mapToInt(LaneResult::reportedCommits).sum();
        CrashLanes.publish(reporter, "chain-crash-test.txt", Map.of(
                "kills", (long) kills,
                "reportedCommits", (long) commits,
                "chainBlocks", (long) results.stream().mapToInt(LaneResult::chainLength).sum(),
                "orphanBlocks", results.stream().mapToLong(LaneResult::orphanBlocks).sum()), started);
        assertThat(kills).isEqualTo(LANES * KILLS_PER_LANE).isGreaterThanOrEqualTo(200);
        assertThat(commits).as("appends reported by the killed children").isGreaterThan(kills);
    }

    private LaneResult runLane(Path datasetDir, long seed) throws Exception {
        final Random random = new Random(seed);
        final Path log = datasetDir.resolveSibling(datasetDir.getFileName() + ".log");
        final Set<Multihash> reported = new HashSet<>();
        List<Multihash> chain = List.of();
        int kills = 0;
        for (int i = 0; i < KILLS_PER_LANE; i++) {
            final List<String> lines = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(ChainCrashCommitter.class, log, datasetDir.toString())) {
                child.awaitLine("started", START_TIMEOUT, lines);
                child.collectFor(Duration.ofMillis(random.nextInt(MAX_KILL_DELAY_MS + 1)), lines);
                child.killAndDrain(END_TIMEOUT, lines);
                kills++;
            }
            for (String line : lines) {
                if (line.startsWith("committed ")) {
                    reported.add(Multihash.parse(line.substring("committed ".length())));
                }
            }
            final List<Multihash> previous = chain;
            final String context = "lane " + datasetDir.getFileName() + " (seed " + seed + ") after kill " + kills;
            try (LocalDatasetStore store = LocalDatasetStore.open(datasetDir)) {
                final ValidationReport report = new ChainValidator(store).validate();
                assertThat(report.violations()).as("%s: violations", context).isEmpty();
                chain = new StoreMetadataChain(store).blocks().map(ChainBlock::hash).toList();
            }
            assertThat(new HashSet<>(chain)).as("%s: blocks reported committed are in the chain", context)
                    .containsAll(reported);
            assertThat(chain).as("%s: the chain only grows", context).endsWith(previous.toArray(Multihash[]::new));
        }
        return new LaneResult(kills, reported.size(), chain.size(),
                countFiles(datasetDir.resolve("blocks")) - chain.size());
    }

    private static long countFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
