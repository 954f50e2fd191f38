package dev.weft.odf.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog snapshot reports damaged datasets beside the readable ones instead of failing whole. */
class WorkspaceCatalogTest {
    @TempDir
    Path dir;

    private Workspace workspace;
    private WorkspaceCatalog catalog;

    @BeforeEach
    void twoDatasets() throws IOException {
        workspace = Workspace.init(dir.resolve("ws"));
        for (String name : List.of("good", "bad")) {
            new SnapshotInstaller(workspace, Clock.systemUTC()).install(List.of(ManifestParser.parse("""
                    kind: DatasetSnapshot
                    version: 1
                    content:
                      name: %s
                      kind: Root
                      metadata:
                        - kind: AddPushSource
                          sourceName: csv
                          read:
                            kind: Csv
                            header: true
                            schema:
                              - id BIGINT
                          merge:
                            kind: Append
                    """.formatted(name), name + ".yaml")));
            ingest(name, "id\n1\n2\n");
        }
        catalog = new WorkspaceCatalog(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void anUnreadableHeadIsReportedAndTheOtherDatasetsStayReadable() throws IOException {
        final Path head = store("bad").directory().resolve("refs/head");
        final String saved = Files.readString(head);
        Files.writeString(head, "garbage");

        final CatalogSnapshot damaged = catalog.snapshot();
        assertThat(damaged.datasets()).extracting(DatasetView::name).containsExactly("good");
        assertThat(damaged.damaged()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("bad");
            assertThat(d.problem()).contains("refs/head");
        });
        assertThat(damaged.findDamaged("BAD")).isPresent();

        Files.writeString(head, saved);
        final CatalogSnapshot repaired = catalog.snapshot();
        assertThat(repaired.datasets()).extracting(DatasetView::name).containsExactly("bad", "good");
        assertThat(repaired.damaged()).isEmpty();
    }

    @Test
    void aMissingDataFileIsFoundByTheFileCheckOnly() throws IOException {
        final DatasetView bad = catalog.current(DatasetName.of("bad")).orElseThrow();
        Files.delete(bad.dataFile(bad.slices().slices().get(0)));

        final CatalogSnapshot snapshot = catalog.snapshot();
        assertThat(snapshot.damaged()).isEmpty();
        assertThat(snapshot.checkDataFiles()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("bad");
            assertThat(d.problem()).contains("missing data file");
        });
        assertThat(snapshot.dataFileProblem(snapshot.find("good").orElseThrow())).isEmpty();
    }

    @Test
    void aDataFileReportedDamagedStaysReportedUntilTheHeadMoves() throws IOException {
        final DatasetView bad = catalog.current(DatasetName.of("bad")).orElseThrow();
        final Path file = bad.dataFile(bad.slices().slices().get(0));
        final byte[] bytes = Files.readAllBytes(file);
        bytes[4] ^= 0x5A;
        Files.write(file, bytes);
        final String problem = bad.verifyDataFile(bad.slices().slices().get(0)).orElseThrow();
        assertThat(problem).contains("'bad'", "altered");

        catalog.reportDamagedFile(bad, problem);
        assertThat(catalog.snapshot().checkDataFiles()).extracting(DamagedDataset::problem).containsExactly(problem);

        ingest("bad", "id\n3\n");
        assertThat(catalog.snapshot().checkDataFiles()).isEmpty();
    }

    private void ingest(String name, String csv) throws IOException {
        final Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        new PushIngester(workspace, Clock.systemUTC()).ingest(DatasetName.of(name), List.of(file),
                PushIngester.Options.DEFAULT);
        Files.delete(file);
    }

    private LocalDatasetStore store(String name) {
        return workspace.dataset(DatasetName.of(name));
    }
}
