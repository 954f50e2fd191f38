package dev.weft.server.testing;

import dev.weft.calcite.QueryEngine;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.TpchWorkspace;
import dev.weft.odf.yaml.ManifestParser;
import dev.weft.server.avatica.AvaticaServer;
import dev.weft.server.flight.FlightSqlServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * One workspace served to the client tests of this JVM: the TPC-H tables at SF 0.01 plus the example dataset
 * {@code cities.population} (two census snapshots: a Snapshot merge with primary key {@code city} and a custom
 * event-time column), behind a Flight SQL and an Avatica JDBC server on free ports. Built once, on first use; removed at exit.
 */
public final class ServedWorkspace {
    private static ServedWorkspace instance;

    public final Path directory;
    public final Workspace workspace;
    public final QueryEngine engine;
    public final FlightSqlServer flight;
    public final AvaticaServer jdbc;
    private final BufferAllocator allocator;

    private ServedWorkspace(Path directory) {
        this.directory = directory;
        this.workspace = TpchWorkspace.create(directory, 0.01);
        addCities(workspace);
        addPrices(workspace);
        this.allocator = new RootAllocator();
        this.engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 2, null);
        this.flight = FlightSqlServer.start(engine, allocator, "127.0.0.1", 0, new SimpleMeterRegistry());
        this.jdbc = AvaticaServer.start(engine, "127.0.0.1", 0);
    }

    /** The shared instance, started on first call. */
    public static synchronized ServedWorkspace get() {
        if (instance == null) {
            try {
                final Path dir = Files.createTempDirectory("weft-served");
                instance = new ServedWorkspace(dir.resolve("workspace"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.shutDown(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The repository's {@code examples/} folder. */
    public static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/data"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("cannot find examples/ above " + Path.of("").toAbsolutePath());
    }

    public String flightJdbcUrl() {
        return "jdbc:arrow-flight-sql://127.0.0.1:" + flight.port() + "/?useEncryption=false";
    }

    private static void addCities(Workspace workspace) {
        final Path examples = examples();
        new SnapshotInstaller(workspace, Clock.systemUTC())
                .install(List.of(ManifestParser.parse(examples.resolve("cities.population.yaml"))));
        final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
        for (String year : List.of("2020", "2021")) {
            ingester.ingest(DatasetName.of("cities.population"),
                    List.of(examples.resolve("data/cities-" + year + ".csv")), PushIngester.Options.DEFAULT);
        }
    }

    public String avaticaJdbcUrl() {
        return "jdbc:avatica:remote:url=http://127.0.0.1:" + jdbc.port() + ";serialization=protobuf";
    }

    /**
     * {@code prices}: eight snapshots of item prices (Snapshot merge on {@code item}), so its chain has additions,
     * corrections and retractions spread over many blocks.
     */
    private static void addPrices(Workspace workspace) {
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: prices
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          - item STRING
                          - price BIGINT
                      merge:
                        kind: Snapshot
                        primaryKey:
                          - item
                """, "prices.yaml")));
        final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
        try {
            final Path dir = Files.createTempDirectory("prices");
            for (int snapshot = 0; snapshot < 8; snapshot++) {
                final StringBuilder csv = new StringBuilder("item,price\n");
                for (int item = 0; item < 6; item++) {
                    if ((item + snapshot) % 4 != 0) {
                        csv.append("item").append(item).append(',').append(100 + (item * snapshot) % 3).append('\n');
                    }
                }
                final Path file = Files.writeString(dir.resolve("prices-" + snapshot + ".csv"), csv);
                ingester.ingest(DatasetName.of("prices"), List.of(file), PushIngester.Options.DEFAULT);
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void shutDown(Path dir) {
        jdbc.close();
        flight.close();
        engine.close();
        allocator.close();
        workspace.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the temporary folder is left for the OS to clean.
        }
    }
}
