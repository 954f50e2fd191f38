package dev.weft.bench.jmh;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.TpchWorkspace;
import dev.weft.server.WeftServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The read path over TPC-H at scale factor 0.1 (600,572 lineitem rows): scanning slice files into Arrow batches in
 * the engine, and streaming a 10.2 M-row result over Flight SQL DoGet to a client on loopback. Each benchmark
 * returns the bytes of Arrow data it moved, so bytes per second follow from the score.
 *
 * <p>Each operation plans a query as well, and planning runs thousands of methods once per query: the JIT is still
 * compiling them after a few dozen operations, taking a core of the two from the transfer. Thirty seconds of warm-up
 * (about a hundred operations) reach the steady state a running server is in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 10, time = 3)
@Fork(1)
public class ScanBenchmarks {
    /** 600,572 × 17 = 10,209,724 rows of (BIGINT, DECIMAL(15,2), DATE). */
    static final String TEN_MILLION_ROWS = "SELECT l_orderkey, l_extendedprice, l_shipdate FROM lineitem, nation "
            + "WHERE n_nationkey < 17";

    private Path dir;
    private Workspace workspace;
    private WeftServer server;
    private BufferAllocator allocator;
    private FlightSqlClient client;

    @Setup
    public void serveTpch() throws IOException {
        dir = Files.createTempDirectory("weft-jmh");
        workspace = TpchWorkspace.create(dir.resolve("tpch"), 0.1);
        server = WeftServer.start(workspace, new WeftServer.Config("127.0.0.1", 0, 0, 0, 0, null));
        allocator = new RootAllocator();
        client = new FlightSqlClient(FlightClient.builder(allocator,
                Location.forGrpcInsecure("127.0.0.1", server.flightPort())).build());
    }

    @TearDown
    public void stop() throws Exception {
        client.close();
        allocator.close();
        server.close();
        workspace.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** All of lineitem from its slice file to Arrow batches in the engine, no network. */
    @Benchmark
    public long sliceScanToArrow() {
        return drain(server.engine(), "SELECT * FROM lineitem");
    }

    /** The same 10.2 M-row result as {@link #doGetTenMillionRows} in the engine alone: what Flight adds is the rest. */
    @Benchmark
    public long engineTenMillionRows() {
        return drain(server.engine(), TEN_MILLION_ROWS);
    }

    /** A 10.2 M-row result through Flight SQL (GetFlightInfo, DoGet) to a client on loopback. */
    @Benchmark
    public long doGetTenMillionRows() throws Exception {
        final FlightInfo info = client.execute(TEN_MILLION_ROWS);
        long bytes = 0;
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket())) {
            while (stream.next()) {
                for (FieldVector vector : stream.getRoot().getFieldVectors()) {
                    bytes += vector.getBufferSize();
                }
            }
        }
        return bytes;
    }

    private static long drain(QueryEngine engine, String sql) {
        long bytes = 0;
        try (QueryResult result = engine.execute(sql)) {
            while (result.loadNextBatch()) {
                for (FieldVector vector : result.root().getFieldVectors()) {
                    bytes += vector.getBufferSize();
                }
            }
        }
        return bytes;
    }
}
