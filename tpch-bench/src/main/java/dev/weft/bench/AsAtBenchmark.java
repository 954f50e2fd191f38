package dev.weft.bench;

import dev.weft.calcite.PreparedQuery;
import dev.weft.calcite.QueryEngine;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.RootAllocator;

/**
 * AS AT on a long chain: a dataset of {@code --blocks} commits (one small slice each) is queried as of its 10th data
 * block. Reports the slice files that query reads against the total, and the planning time of the AS AT query next to
 * the same query without AS AT (their difference is the AS AT overhead: block lookup and pruning).
 *
 * <p>Usage: {@code AsAtBenchmark [--blocks 1000] [--rounds 50] [--work DIR]}
 */
public final class AsAtBenchmark {
    private AsAtBenchmark() {}

    public static void main(String[] args) throws IOException {
        int blocks = 1000;
        int rounds = 50;
        Path work = Path.of("bench-results/tmp");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--blocks": blocks = Integer.parseInt(args[++i]); break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--work": work = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (ScratchDirectory dir = new ScratchDirectory(work, "asat");
                Workspace workspace = Workspace.init(dir.path())) {
            new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                    kind: DatasetSnapshot
                    version: 1
                    content:
                      name: readings
                      kind: Root
                      metadata:
                        - kind: AddPushSource
                          sourceName: csv
                          read:
                            kind: Csv
                            header: true
                            schema:
                              - sensor STRING
                              - value BIGINT
                          merge:
                            kind: Append
                    """, "readings.yaml")));
            final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
            final long started = System.nanoTime();
            for (int i = 0; i < blocks; i++) {
                final Path file = Files.writeString(dir.path().resolve("r.csv"), "sensor,value\ns" + i + "," + i + "\n");
                ingester.ingest(DatasetName.of("readings"), List.of(file), PushIngester.Options.DEFAULT);
            }
            System.out.printf(Locale.ROOT, "ingested %d commits in %.1f s%n", blocks,
                    (System.nanoTime() - started) / 1e9);
            try (RootAllocator allocator = new RootAllocator();
                    QueryEngine engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 0, null)) {
                final DatasetView view = engine.snapshot().find("readings").orElseThrow();
                final SliceIndex.Slice tenth = view.slices().slices().get(9);
                final String asAt = "SELECT count(*) FROM readings FOR SYSTEM_TIME AS OF '" + tenth.blockHash() + "'";
                final String head = "SELECT count(*) FROM readings";
                final long before = engine.filesRead();
                final PreparedQuery query = engine.prepare(asAt);
                query.execute(List.of()).close();
                System.out.printf(Locale.ROOT, "AS AT the 10th data block reads %d of %d slice files%n",
                        engine.filesRead() - before, view.slices().slices().size());
                final double asAtMedian = medianPlanning(engine, asAt, rounds);
                final double headMedian = medianPlanning(engine, head, rounds);
                System.out.printf(Locale.ROOT, "planning, median of %d: AS AT %.2f ms, without AS AT %.2f ms, "
                        + "overhead %.2f ms (target: under 10 ms)%n", rounds, asAtMedian, headMedian,
                        asAtMedian - headMedian);
            }
        }
    }

    private static double medianPlanning(QueryEngine engine, String sql, int rounds) {
        for (int i = 0; i < 20; i++) {
            engine.prepare(sql).engineSql();
        }
        final double[] samples = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            final long start = System.nanoTime();
            engine.prepare(sql).engineSql();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(samples);
        return samples[rounds / 2];
    }
}
