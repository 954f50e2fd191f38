package dev.weft.calcite;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;

/**
 * A workspace in a fresh temporary directory with one dataset and a query engine over it, for tests that build many
 * (property tests: one per try). Closing it removes the directory.
 */
final class ScratchWorkspace implements AutoCloseable {
    private final Path dir;
    private final Workspace workspace;
    private final RootAllocator allocator = new RootAllocator();
    private final QueryEngine engine;
    private final PushIngester ingester;
    private int files;

    /** Creates the workspace and the dataset of {@code manifest} (DatasetSnapshot YAML). */
    ScratchWorkspace(String manifest) throws IOException {
        dir = Files.createTempDirectory("weft-scratch");
        workspace = Workspace.init(dir);
        new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse(manifest,
                "manifest.yaml")));
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 1, null);
        ingester = new PushIngester(workspace, Clock.systemUTC());
    }

    /** Pushes {@code csv} into {@code dataset} as one commit; returns the new head. */
    Multihash ingest(String dataset, CharSequence csv) throws IOException {
        final Path file = Files.writeString(dir.resolve("input-" + files++ + ".csv"), csv);
        return ingester.ingest(DatasetName.of(dataset), List.of(file), PushIngester.Options.DEFAULT).head();
    }

    List<List<Object>> rows(String sql) {
        return rows(sql, List.of());
    }

    /** The names of the result columns of {@code sql}. */
    List<String> columns(String sql) {
        return engine.prepare(sql).rowType().getFieldNames();
    }

    /** The rows of {@code sql} run as a prepared statement with {@code parameters}. */
    List<List<Object>> rows(String sql, List<?> parameters) {
        try (QueryResult result = engine.prepare(sql).execute(parameters)) {
            return new ArrayList<>(ArrowRows.drain(result));
        }
    }

    @Override
    public void close() {
        engine.close();
        allocator.close();
        workspace.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
