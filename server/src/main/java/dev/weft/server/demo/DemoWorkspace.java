package dev.weft.server.demo;

import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.ingest.IngestProgress;
import dev.weft.odf.ingest.PollingIngester;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace {@code weft serve --demo} serves when there is none: the repository's example datasets with real
 * history. {@code cities.population} gets two census snapshots (so its changelog has an addition, a correction and a
 * retraction), {@code shop.orders} pulls two monthly files from its folder (a Ledger: the order repeated in February
 * is recorded once).
 */
public final class DemoWorkspace {
    private static final String RESOURCES = "/demo/";
    private static final List<String> MANIFESTS = List.of("cities.population.yaml", "shop.orders.yaml");
    private static final List<String> DATA = List.of("cities-2020.csv", "cities-2021.csv", "orders-2026-01.csv",
            "orders-2026-02.csv");

    private DemoWorkspace() {}

    /** Creates the demo in {@code dir} (which must not hold a workspace yet) and returns it open. */
    public static Workspace create(Path dir, PrintWriter progress) {
        try {
            Files.createDirectories(dir.resolve("data"));
            for (String file : DATA) {
                copy("data/" + file, dir.resolve("data").resolve(file));
            }
            final Workspace workspace = Workspace.init(dir);
            final List<DatasetSnapshot> manifests = new ArrayList<>();
            for (String manifest : MANIFESTS) {
                manifests.add(ManifestParser.parse(read(manifest), manifest));
            }
            new SnapshotInstaller(workspace, Clock.systemUTC()).install(manifests);
            progress.println("demo: created datasets cities.population and shop.orders in " + dir);
            final PushIngester push = new PushIngester(workspace, Clock.systemUTC());
            for (String census : List.of("cities-2020.csv", "cities-2021.csv")) {
                push.ingest(DatasetName.of("cities.population"), List.of(dir.resolve("data").resolve(census)),
                        PushIngester.Options.DEFAULT);
                progress.println("demo: ingested census snapshot " + census);
            }
            final PollingIngester poll = new PollingIngester(workspace, Clock.systemUTC(), dir);
            final int commits = poll.pull(DatasetName.of("shop.orders"), IngestProgress.NONE).commits().size();
            progress.println("demo: pulled " + commits + " order files into shop.orders");
            return workspace;
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot create the demo workspace in " + dir + ": " + e, e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        Files.writeString(target, read(resource), StandardCharsets.UTF_8);
    }

    private static String read(String resource) {
        try (InputStream in = DemoWorkspace.class.getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new WeftException(ErrorCode.INTERNAL, "The demo resource " + resource + " is missing from the "
                        + "build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
