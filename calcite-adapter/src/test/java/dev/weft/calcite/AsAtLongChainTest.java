package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.calcite.exec.QueryResult;
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
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AS AT on a chain of 1000 data blocks reads only the slice files up to its block. */
class AsAtLongChainTest {
    private static final int COMMITS = 1000;

    @Test
    void asAtTheTenthBlockOpensTenSliceFilesOutOfAThousand(@TempDir Path dir) throws IOException {
        try (Workspace workspace = Workspace.init(dir.resolve("ws"))) {
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
                              - value BIGINT
                          merge:
                            kind: Append
                    """, "readings.yaml")));
            final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
            for (int i = 0; i < COMMITS; i++) {
                final Path file = Files.writeString(dir.resolve("r.csv"), "value\n" + i + "\n");
                ingester.ingest(DatasetName.of("readings"), List.of(file), PushIngester.Options.DEFAULT);
            }
            try (RootAllocator allocator = new RootAllocator();
                    QueryEngine engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 1, null)) {
                final DatasetView view = engine.snapshot().find("readings").orElseThrow();
                assertThat(view.slices().slices()).hasSize(COMMITS);
                final SliceIndex.Slice tenth = view.slices().slices().get(9);
                final PreparedQuery query = engine.prepare("SELECT max(value) FROM readings FOR SYSTEM_TIME AS OF '"
                        + tenth.blockHash() + "'");
                assertThat(query.explain()).contains("10 of 1000 slice files");
                final long before = engine.filesRead();
                try (QueryResult result = query.execute(List.of())) {
                    assertThat(ArrowRows.drain(result)).containsExactly(List.of(9L));
                }
                assertThat(engine.filesRead() - before).isEqualTo(10);
            }
        }
    }
}
