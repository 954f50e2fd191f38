package dev.weft.bench;

import dev.weft.calcite.QueryEngine;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measures how long Weft takes to plan each TPC-H query (parse, validate, convert to a logical plan, choose the
 * execution path, write the vectorized engine's SQL): the first time in a fresh JVM, and the median and 95th percentile once warm.
 *
 * <p>Usage: {@code PlanningBenchmark [--rounds 50] [--work DIR]}
 */
public final class PlanningBenchmark {
    private PlanningBenchmark() {}

    public static void main(String[] args) throws IOException {
        int rounds = 50;
        Path work = Path.of("bench-results/tmp");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--work")) {
                work = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (ScratchDirectory dir = new ScratchDirectory(work, "planning");
                Workspace workspace = TpchWorkspace.create(dir.path(), 0.01);
                RootAllocator allocator = new RootAllocator();
                QueryEngine engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 0, null)) {
            System.out.println("query  first (ms)  median (ms)  p95 (ms)  max (ms)");
            double worstMedian = 0;
            for (String query : TpchAnswers.queries()) {
                final String sql = TpchAnswers.sql(query);
                final long cold = System.nanoTime();
                engine.prepare(sql).engineSql();
                final double first = millis(System.nanoTime() - cold);
                for (int i = 0; i < 20; i++) {
                    engine.prepare(sql).engineSql();
                }
                final double[] samples = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    final long start = System.nanoTime();
                    engine.prepare(sql).engineSql();
                    samples[i] = millis(System.nanoTime() - start);
                }
                Arrays.sort(samples);
                final double median = samples[rounds / 2];
                worstMedian = Math.max(worstMedian, median);
                System.out.printf(Locale.ROOT, "%-5s  %10.1f  %11.1f  %8.1f  %8.1f%n", query, first, median,
                        samples[(int) Math.ceil(rounds * 0.95) - 1], samples[rounds - 1]);
            }
            System.out.printf(Locale.ROOT, "worst median: %.1f ms (target: under 100 ms)%n", worstMedian);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
