package dev.weft.odf.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
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
 * Kills child JVMs that commit to a dataset at random moments and checks after every kill that the chain from the
 * head is intact and holds every block the child saw committed. This is the byte-level version with toy blocks; the
 * long run with real ODF blocks and the chain validator is {@code dev.weft.odf.chain.ChainCrashTest}.
 */
class StoreCrashTest {
    private static final int LANES = 2;
    private static final int KILLS_PER_LANE = 25;
    /** Kill delays are drawn up to this bound after the child reports it started; a commit takes a few ms. */
    private static final int MAX_KILL_DELAY_MS = 200;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** What one lane did. */
    private record LaneResult(
            int kills, int reportedCommits, int chainLength, long orphanBlocks, long orphanDataFiles) {}

    @Test
    void killingCommittersAtRandomMomentsNeverBreaksTheChainOrLosesACommit(TestReporter reporter) throws Exception {
        final long started = System.nanoTime();
        final List<LaneResult> results = CrashLanes.run(dir, LANES, this::runLane);
        final int kills = results.stream().mapToInt(LaneResult::kills).sum();
        final int commits = results.stream().mapToInt(LaneResult::reportedCommits).sum();
        CrashLanes.publish(reporter, "store-crash-test.txt", Map.of(
                "kills", (long) kills,
                "reportedCommits", (long) commits,
                "chainBlocks", (long) results.stream().mapToInt(LaneResult::chainLength).sum(),
                "orphanDataFiles", results.stream().mapToLong(LaneResult::orphanDataFiles).sum(),
                "orphanBlocks", results.stream().mapToLong(LaneResult::orphanBlocks).sum()), started);
        assertThat(kills).isEqualTo(LANES * KILLS_PER_LANE);
        assertThat(commits).as("commits reported by the killed children").isGreaterThan(kills);
    }

    @Test
    void twoProcessesCommittingToOneDatasetBuildOneChain() throws Exception {
        final Path datasetDir = Files.createDirectories(dir.resolve("shared"));
        final Path log = dir.resolve("children.log");
        final int perProcess = 60;
        final List<String> lines = new ArrayList<>();
        try (ChildJvm a = ChildJvm.start(CrashCommitter.class, log, "count", datasetDir.toString(),
                        String.valueOf(perProcess), "a");
                ChildJvm b = ChildJvm.start(CrashCommitter.class, log, "count", datasetDir.toString(),
                        String.valueOf(perProcess), "b")) {
            a.awaitEnd(Duration.ofSeconds(60), lines);
            b.awaitEnd(Duration.ofSeconds(60), lines);
            assertThat(a.exitCode()).as("exit code of a; see %s", log).isZero();
            assertThat(b.exitCode()).as("exit code of b; see %s", log).isZero();
        }
        try (LocalDatasetStore store = LocalDatasetStore.open(datasetDir)) {
            final List<Multihash> chain = ToyBlocks.verifiedChain(store);
            assertThat(chain).hasSize(2 * perProcess);
            assertThat(new HashSet<>(chain)).isEqualTo(committedHashes(lines));
        }
    }

    @Test
    void openingAStoreKeepsTheStagedFilesOfALiveProcessAndRemovesThemOnceItIsKilled() throws Exception {
        final Path datasetDir = Files.createDirectories(dir.resolve("staging"));
        final List<String> lines = new ArrayList<>();
        final Path staged;
        try (ChildJvm child = ChildJvm.start(CrashCommitter.class, dir.resolve("child.log"), "stage",
                datasetDir.toString())) {
            staged = Path.of(child.awaitLine("staged ", START_TIMEOUT, lines).substring("staged ".length()));
            LocalDatasetStore.open(datasetDir).close();
            assertThat(staged).as("file staged by a live process").exists();
            child.killAndDrain(END_TIMEOUT, lines);
        }
        LocalDatasetStore.open(datasetDir).close();
        assertThat(staged).doesNotExist();
        assertThat(datasetDir.resolve(LocalDatasetStore.STAGING_DIR)).isEmptyDirectory();
    }

    private LaneResult runLane(Path datasetDir, long seed) throws Exception {
        final Random random = new Random(seed);
        final Path log = datasetDir.resolveSibling(datasetDir.getFileName() + ".log");
        final Set<Multihash> reported = new HashSet<>();
        List<Multihash> chain = List.of();
        int kills = 0;
        for (int i = 0; i < KILLS_PER_LANE; i++) {
            final List<String> lines = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(CrashCommitter.class, log, "loop", datasetDir.toString())) {
                child.awaitLine("started", START_TIMEOUT, lines);
                child.collectFor(Duration.ofMillis(random.nextInt(MAX_KILL_DELAY_MS + 1)), lines);
                child.killAndDrain(END_TIMEOUT, lines);
                kills++;
            }
            reported.addAll(committedHashes(lines));
            final List<Multihash> previous = chain;
            try (LocalDatasetStore store = LocalDatasetStore.open(datasetDir)) {
                chain = ToyBlocks.verifiedChain(store);
            }
            final String context = "lane " + datasetDir.getFileName() + " (seed " + seed + ") after kill " + kills;
            assertThat(new HashSet<>(chain)).as("%s: blocks reported committed are in the chain", context)
                    .containsAll(reported);
            assertThat(chain).as("%s: the chain only grows", context).endsWith(previous.toArray(Multihash[]::new));
            assertThat(countFiles(datasetDir.resolve(LocalDatasetStore.STAGING_DIR)))
                    .as("%s: entries left in the staging area after open cleaned the killed child's session", context)
                    .isZero();
        }
        // Every toy block of the crash child references one data file, usually a distinct one.
        final long orphanBlocks = countFiles(datasetDir.resolve("blocks")) - chain.size();
        final long orphanData = countFiles(datasetDir.resolve("data")) - chain.size();
        return new LaneResult(kills, reported.size(), chain.size(), orphanBlocks, orphanData);
    }

    private static Set<Multihash> committedHashes(List<String> lines) {
        final Set<Multihash> hashes = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("committed ")) {
                hashes.add(Multihash.parse(line.substring("committed ".length())));
            }
        }
        return hashes;
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
