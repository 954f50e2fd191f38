package dev.weft.bench;

import dev.weft.odf.testing.TpchCsv;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures CSV ingest through the {@code weft} CLI: generates TPC-H {@code lineitem} as CSV, creates a dataset with
 * an Append push source for it, and times {@code weft ingest} in a JVM with a capped heap. Reports MB/s of CSV and
 * the peak heap in use, read from the ingesting JVM's GC log.
 *
 * <p>Usage: {@code IngestBenchmark --jar server/target/server-*-all.jar [--sf 1] [--heap 1g] [--work DIR]}
 */
public final class IngestBenchmark {
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = null;
        double scaleFactor = 1;
        String heap = "1g";
        Path work = Path.of("bench-results", "tmp");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar": jar = Path.of(args[i + 1]); break;
                case "--sf": scaleFactor = Double.parseDouble(args[i + 1]); break;
                case "--heap": heap = args[i + 1]; break;
                case "--work": work = Path.of(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar must name the built weft jar (server/target/server-*-all.jar)");
        }
        Files.createDirectories(work);
        final Path csv = work.resolve(String.format(Locale.ROOT, "lineitem-sf%s.csv", scaleFactor));
        if (!Files.exists(csv)) {
            final long started = System.nanoTime();
            final long rows = TpchCsv.write(TpchTable.LINE_ITEM, scaleFactor, csv);
            System.out.printf(Locale.ROOT, "generated %,d lineitem rows (%s) in %.1f s%n", rows, csv,
                    (System.nanoTime() - started) / 1e9);
        }
        try (ScratchDirectory scratch = new ScratchDirectory(work, "workspace")) {
            final Path workspace = scratch.path();
            final Path manifest = workspace.resolve("lineitem.yaml");
            Files.writeString(manifest, TpchCsv.manifest(TpchTable.LINE_ITEM, "tpch.lineitem"));

            weft(jar, "512m", null, "--workspace", workspace.toString(), "init");
            weft(jar, "512m", null, "--workspace", workspace.toString(), "add", manifest.toString());
            final Path gcLog = workspace.resolve("gc.log");
            final long started = System.nanoTime();
            weft(jar, heap, gcLog, "--workspace", workspace.toString(), "ingest", "tpch.lineitem", csv.toString(),
                    "--event-time", "1998-12-01T00:00:00Z");
            final double seconds = (System.nanoTime() - started) / 1e9;
            final double megabytes = Files.size(csv) / 1e6;
            System.out.printf(Locale.ROOT,
                    "ingest of %.0f MB CSV: %.1f s, %.1f MB/s, heap cap %s, peak heap in use %d MB (from GC log)%n",
                    megabytes, seconds, megabytes / seconds, heap, peakHeapMegabytes(gcLog));
        }
    }

    private static void weft(Path jar, String heap, Path gcLog, String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        if (gcLog != null) {
            command.add("-Xlog:gc:file=" + gcLog);
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("weft " + String.join(" ", args) + " failed");
        }
    }

    /** The largest heap occupancy before any collection; 0 when the JVM never collected. */
    private static long peakHeapMegabytes(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            final Matcher matcher = GC_HEAP.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
            }
        }
        return peak;
    }
}
