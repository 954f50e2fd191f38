package dev.weft.bench;

import dev.weft.calcite.QueryEngine;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.JdbcRows;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import dev.weft.server.WeftServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * TPC-H through the server: the eight tables generated into ODF datasets of a fresh workspace (optionally in many
 * commits each), Weft serving them over Flight SQL, the 22 queries sent as written through the Flight SQL JDBC driver
 * and timed, every answer checked; and, side by side on the very same Parquet slice files, DuckDB in process as the
 * reference engine.
 *
 * <p>Usage: {@code TpchBenchmark [--sf 0.01] [--blocks 1] [--runs 3] [--work bench-results/tmp]
 * [--out bench-results]}
 */
public final class TpchBenchmark {
    /** One query's figures. Times are medians of the runs, in milliseconds. */
    public record QueryResult(String query, double planningMillis, double weftMillis, double referenceMillis,
            long rows, boolean correct, String problem) {
        public double ratio() {
            return weftMillis / referenceMillis;
        }
    }

    /** A whole run; {@code doGetBytesPerSecond} is the Arrow data rate of streaming all of lineitem to a client. */
    public record Report(double scaleFactor, int blocks, int runs, String machine, List<QueryResult> queries,
            double doGetBytesPerSecond) {
        public boolean allCorrect() {
            return queries.stream().allMatch(QueryResult::correct);
        }

        public double weftTotal() {
            return queries.stream().mapToDouble(QueryResult::weftMillis).sum();
        }

        public double referenceTotal() {
            return queries.stream().mapToDouble(QueryResult::referenceMillis).sum();
        }
    }

    private TpchBenchmark() {}

    public static void main(String[] args) throws Exception {
        double scaleFactor = 0.01;
        int blocks = 1;
        int runs = 3;
        Path work = Path.of("bench-results/tmp");
        Path out = Path.of("bench-results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf": scaleFactor = Double.parseDouble(args[++i]); break;
                case "--blocks": blocks = Integer.parseInt(args[++i]); break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--work": work = Path.of(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final Report report = run(scaleFactor, blocks, runs, work);
        final List<Path> written = BenchmarkReport.write(report, out, LocalDate.now());
        System.out.println(BenchmarkReport.markdown(report));
        written.forEach(path -> System.out.println("wrote " + path));
        if (!report.allCorrect()) {
            System.err.println("WRONG ANSWERS: see the table above");
            System.exit(1);
        }
    }

    /** Generates the data, serves it, runs and checks the queries on both engines. */
    public static Report run(double scaleFactor, int blocks, int runs, Path work) throws IOException, SQLException {
        final long generation = System.nanoTime();
        try (ScratchDirectory dir = new ScratchDirectory(work, "tpch");
                Workspace workspace = generate(dir.path(), scaleFactor, blocks);
                WeftServer server = WeftServer.start(workspace,
                        new WeftServer.Config("127.0.0.1", 0, 0, 0, 0, null))) {
            System.err.printf(Locale.ROOT, "generated and ingested in %.1f s%n",
                    (System.nanoTime() - generation) / 1e9);
            final Optional<String> answers = TpchAnswers.answersFolder(scaleFactor);
            final List<QueryResult> results = new ArrayList<>();
            try (Connection weft = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:"
                    + server.flightPort() + "/?useEncryption=false");
                    Connection reference = ReferenceEngine.open(server.engine())) {
                warmUp(weft, reference);
                for (String query : TpchAnswers.queries()) {
                    final String sql = TpchAnswers.sql(query);
                    final double planning = planningMillis(server.engine(), sql);
                    final Timed weftRun = timed(weft, sql, runs, query, answers);
                    final Timed referenceRun = timed(reference, sql, runs, query, answers);
                    final String problem = weftRun.problem != null ? "weft: " + weftRun.problem
                            : referenceRun.problem != null ? "reference: " + referenceRun.problem : null;
                    results.add(new QueryResult(query, planning, weftRun.medianMillis, referenceRun.medianMillis,
                            weftRun.rows, weftRun.problem == null, problem));
                    System.err.printf(Locale.ROOT, "%s  weft %8.1f ms  reference %8.1f ms  %s%n", query,
                            weftRun.medianMillis, referenceRun.medianMillis,
                            weftRun.problem == null ? "correct" : "WRONG: " + weftRun.problem);
                }
            }
            final double doGet = doGetThroughput(server.flightPort(), runs);
            System.err.printf(Locale.ROOT, "DoGet of SELECT * FROM lineitem: %.2f GB/s (median of %d)%n",
                    doGet / 1e9, runs);
            return new Report(scaleFactor, blocks, runs, machine(), results, doGet);
        }
    }

    private static Workspace generate(Path dir, double scaleFactor, int blocks) {
        System.err.printf(Locale.ROOT, "generating TPC-H at SF %s into %s (%d commit(s) per table)%n", scaleFactor,
                dir, blocks);
        return TpchWorkspace.create(dir, scaleFactor, blocks);
    }

    /**
     * Runs every query once on both engines, untimed, so that the timed runs measure a running server rather than
     * the first use of each code path (class loading, JIT compilation) and of each file (metadata, page cache).
     */
    private static void warmUp(Connection weft, Connection reference) throws SQLException {
        System.err.println("warm-up: each query once on both engines, untimed");
        for (String query : TpchAnswers.queries()) {
            final String sql = TpchAnswers.sql(query);
            readAll(weft, sql);
            readAll(reference, sql);
        }
    }

    private static List<List<Object>> readAll(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return JdbcRows.read(rs);
        }
    }

    private record Timed(double medianMillis, long rows, String problem) {}

    /** Runs {@code sql} {@code runs} times, reading every value; checks the first run's rows when answers exist. */
    private static Timed timed(Connection connection, String sql, int runs, String query, Optional<String> answers)
            throws SQLException {
        final double[] samples = new double[runs];
        List<List<Object>> rows = List.of();
        for (int run = 0; run < runs; run++) {
            final long start = System.nanoTime();
            rows = readAll(connection, sql);
            samples[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(samples);
        final List<List<Object>> answer = rows;
        final String problem = answers.flatMap(folder -> TpchAnswers.compare(query, answer, folder)).orElse(null);
        return new Timed(samples[runs / 2], rows.size(), problem);
    }

    /**
     * Streams all of lineitem {@code runs} times with a plain Flight SQL client (no JDBC row conversion) and returns
     * the median rate of Arrow data received: the sum of the batches' buffer sizes over the time from the request to
     * the last batch.
     */
    private static double doGetThroughput(int port, int runs) {
        try (BufferAllocator allocator = new RootAllocator();
                FlightSqlClient client = new FlightSqlClient(
                        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).build())) {
            final double[] rates = new double[runs];
            for (int run = 0; run < runs; run++) {
                rates[run] = streamLineitem(client);
            }
            Arrays.sort(rates);
            return rates[runs / 2];
        } catch (Exception e) {
            throw new IllegalStateException("DoGet of lineitem failed: " + e.getMessage(), e);
        }
    }

    /** Bytes of Arrow data per second of one {@code SELECT * FROM lineitem}, from the request to the last batch. */
    private static double streamLineitem(FlightSqlClient client) throws Exception {
        final long start = System.nanoTime();
        final FlightInfo info = client.execute("SELECT * FROM lineitem");
        long bytes = 0;
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
            while (stream.next()) {
                for (FieldVector vector : stream.getRoot().getFieldVectors()) {
                    bytes += vector.getBufferSize();
                }
            }
        }
        return bytes / ((System.nanoTime() - start) / 1e9);
    }

    private static double planningMillis(QueryEngine engine, String sql) {
        final double[] samples = new double[5];
        for (int i = 0; i < samples.length; i++) {
            final long start = System.nanoTime();
            engine.prepare(sql).engineSql();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }

    /** DuckDB in process, with one view per dataset over exactly the slice files Weft reads. */
    static final class ReferenceEngine {
        private ReferenceEngine() {}

        static Connection open(QueryEngine engine) throws SQLException {
            final Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                for (DatasetView view : engine.snapshot().datasets()) {
                    final StringBuilder files = new StringBuilder();
                    for (SliceIndex.Slice slice : view.slices().slices()) {
                        files.append(files.length() == 0 ? "" : ", ").append('\'')
                                .append(view.dataFile(slice).toString().replace("'", "''")).append('\'');
                    }
                    statement.execute("CREATE VIEW \"" + view.name() + "\" AS SELECT * FROM read_parquet(["
                            + files + "])");
                }
            }
            return connection;
        }
    }
}
