package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.ChainValidator;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.chain.ValidationReport;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.store.ChildJvm;
import dev.weft.odf.store.CrashLanes;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills child JVMs with {@code SIGKILL} at random moments while they ingest CSV files, and checks after every kill
 * that the dataset's chain validates (hashes of blocks and slices, offsets, watermarks), that every ingest the child
 * reported is in it and that the chain only grows.
 */
class IngestCrashTest {
    private static final int LANES = 2;
    private static final int KILLS_PER_LANE = 25;
    private static final int MAX_KILL_DELAY_MS = 600;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration END_TIMEOUT = Duration.ofSeconds(30);
    private static final String MANIFEST = """
            kind: DatasetSnapshot
            version: 1
            content:
              name: %s
              kind: Root
              metadata:
                - kind: AddPushSource
                  sourceName: upload
                  read:
                    kind: Csv
                    header: true
                    schema: ["event_time TIMESTAMP", "sensor STRING", "value DOUBLE"]
                  merge:
                    kind: Append
            """;

    @TempDir
    Path dir;

    private record LaneResult(int kills, int reportedIngests, int chainLength) {}

    @Test
    void killingIngestsAtRandomMomentsAlwaysLeavesAValidChainWithEveryReportedIngest(TestReporter reporter)
            throws Exception {
        final long started = System.nanoTime();
        final List<LaneResult> results = CrashLanes.run(dir, LANES, this::runLane);
        final int kills = results.stream().mapToInt(LaneResult::kills).sum();
        final int ingests = results.stream().mapToInt(LaneResult::reportedIngests).sum();
        CrashLanes.publish(reporter, "ingest-crash-test.txt", Map.of(
                "kills", (long) kills,
                "reportedIngests", (long) ingests,
                "chainBlocks", (long) results.stream().mapToInt(LaneResult::chainLength).sum()), started);
        assertThat(kills).isEqualTo(LANES * KILLS_PER_LANE);
        assertThat(ingests).as("ingests reported by the killed children").isGreaterThan(kills / 2);
    }

    private LaneResult runLane(Path laneDir, long seed) throws Exception {
        try (Workspace workspace = Workspace.init(laneDir)) {
            new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(
                    ManifestParser.parse(MANIFEST.formatted("crash.test"), "crash.yaml"),
                    ManifestParser.parse(MANIFEST.formatted("warm.up"), "warm.yaml")));
        }
        final Random random = new Random(seed);
        final Path log = laneDir.resolveSibling(laneDir.getFileName() + ".log");
        final Set<Multihash> reported = new HashSet<>();
        List<Multihash> chain = List.of();
        int kills = 0;
        for (int i = 0; i < KILLS_PER_LANE; i++) {
            final List<String> lines = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(IngestCrashChild.class, log, laneDir.toString())) {
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
            final String context = "lane " + laneDir.getFileName() + " (seed " + seed + ") after kill " + kills;
            try (Workspace workspace = Workspace.open(laneDir.resolve(Workspace.DIR_NAME))) {
                final var store = workspace.dataset(DatasetName.of("crash.test"));
                final ValidationReport report = new ChainValidator(store).validate();
                assertThat(report.violations()).as("%s: violations", context).isEmpty();
                chain = new StoreMetadataChain(store).blocks().map(ChainBlock::hash).toList();
            }
            assertThat(new HashSet<>(chain)).as("%s: ingests reported committed are in the chain", context)
                    .containsAll(reported);
            assertThat(chain).as("%s: the chain only grows", context).endsWith(previous.toArray(Multihash[]::new));
        }
        return new LaneResult(kills, reported.size(), chain.size());
    }
}
