package dev.weft.odf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.identity.DatasetKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void initCreatesAnEmptyWorkspace() {
        try (Workspace workspace = Workspace.init(dir)) {
            assertThat(workspace.directory()).isEqualTo(realPath(dir).resolve(".weft"));
            assertThat(workspace.datasetNames()).isEmpty();
        }
    }

    @Test
    void initTwiceFailsWithAlreadyExists() {
        Workspace.init(dir).close();
        assertThatThrownBy(() -> Workspace.init(dir))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains(".weft", "exists already");
                });
    }

    @Test
    void discoverFindsTheNearestWorkspaceUpwards() throws IOException {
        Workspace.init(dir).close();
        final Path nested = Files.createDirectories(dir.resolve("a/b/c"));
        Workspace.init(dir.resolve("a")).close();
        try (Workspace found = Workspace.discover(nested)) {
            assertThat(found.directory()).isEqualTo(realPath(dir).resolve("a/.weft"));
        }
    }

    @Test
    void discoverWithoutAWorkspaceTellsTheUserToRunInit() throws IOException {
        final Path lonely = Files.createDirectories(dir.resolve("x/y"));
        for (Path p = dir; p != null; p = p.getParent()) {
            assumeThat(p.resolve(".weft")).as("no workspace above the temp dir").doesNotExist();
        }
        assertThatThrownBy(() -> Workspace.discover(lonely))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE);
                    assertThat(e.getMessage()).isEqualTo(
                            "no Weft workspace in " + lonely.toAbsolutePath() + " or any parent; run `weft init`");
                });
    }

    @Test
    void openingSomethingThatIsNotADirectoryFailsWithWorkspaceError() {
        assertThatThrownBy(() -> Workspace.open(dir.resolve(".weft")))
                .isInstanceOfSatisfying(WeftException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a--b", ".a", "a.", "a..b", "a_b", "a b", "a/b", "émissions", "did:odf:x"})
    void invalidDatasetNamesAreRejected(String name) {
        assertThat(DatasetName.isValid(name)).isFalse();
        assertThatThrownBy(() -> DatasetName.of(name))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("'" + name + "'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cities", "ca.bc.gov.covid", "admin0.countries.10m", "ny-newyork", "NY-NewYork", "a1-b2-c3"
    })
    void specExampleDatasetNamesAreAccepted(String name) {
        assertThat(DatasetName.of(name).value()).isEqualTo(name);
    }

    @Test
    void datasetNamesCompareIgnoringCaseButKeepTheirSpelling() {
        final DatasetName mixed = DatasetName.of("NY-NewYork");
        assertThat(mixed).isEqualTo(DatasetName.of("ny-newyork")).hasSameHashCodeAs(DatasetName.of("ny-newyork"));
        assertThat(mixed.value()).isEqualTo("NY-NewYork");
        assertThat(mixed.key()).isEqualTo("ny-newyork");
    }

    @Test
    void createdDatasetIsEmptyWithTheOdfLayoutAndIsListed() {
        try (Workspace workspace = Workspace.init(dir)) {
            final CreatedDataset created = workspace.createDataset(DatasetName.of("ca.bc.gov.covid"));
            final Path datasetDir = workspace.directory().resolve("datasets/ca.bc.gov.covid");
            assertThat(created.store().directory()).isEqualTo(datasetDir);
            assertThat(created.store().head()).isEmpty();
            for (String sub : List.of("blocks", "refs", "data", "checkpoints", "info")) {
                assertThat(datasetDir.resolve(sub)).isDirectory();
            }
            assertThat(workspace.datasetNames()).containsExactly(DatasetName.of("ca.bc.gov.covid"));
            assertThat(workspace.dataset(DatasetName.of("CA.BC.gov.covid"))).isSameAs(created.store());
        }
    }

    @Test
    void datasetNamesAreListedSortedAndJunkEntriesAreIgnored() throws IOException {
        try (Workspace workspace = Workspace.init(dir)) {
            for (String name : List.of("zeta", "Alpha", "beta.two", "beta")) {
                workspace.createDataset(DatasetName.of(name));
            }
            final Path datasets = workspace.directory().resolve("datasets");
            Files.createDirectory(datasets.resolve(".half-built"));
            Files.createDirectory(datasets.resolve("not_a_name"));
            Files.createFile(datasets.resolve("stray-file"));
            assertThat(workspace.datasetNames()).extracting(DatasetName::value)
                    .containsExactly("Alpha", "beta", "beta.two", "zeta");
        }
    }

    @Test
    void creatingANameThatDiffersOnlyInCaseFailsWithAlreadyExists() {
        try (Workspace workspace = Workspace.init(dir)) {
            workspace.createDataset(DatasetName.of("ny-newyork"));
            assertThatThrownBy(() -> workspace.createDataset(DatasetName.of("NY-NewYork")))
                    .isInstanceOfSatisfying(WeftException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                        assertThat(e.getMessage()).contains("'NY-NewYork'");
                    });
            assertThat(workspace.datasetNames()).extracting(DatasetName::value).containsExactly("ny-newyork");
        }
    }

    @Test
    void racingCreatorsOfCaseVariantsOfOneNameYieldExactlyOneDataset() throws Exception {
        final List<String> variants = List.of("prices", "Prices", "PRICES", "pRiCeS", "prices", "PriceS");
        try (Workspace workspace = Workspace.init(dir)) {
            final AtomicInteger created = new AtomicInteger();
            final AtomicInteger refused = new AtomicInteger();
            final ExecutorService pool = Executors.newFixedThreadPool(variants.size());
            try {
                final CountDownLatch start = new CountDownLatch(1);
                final List<Future<?>> futures = new ArrayList<>();
                for (String variant : variants) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        try {
                            workspace.createDataset(DatasetName.of(variant));
                            created.incrementAndGet();
                        } catch (WeftException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                            refused.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(created).hasValue(1);
            assertThat(refused).hasValue(variants.size() - 1);
            assertThat(workspace.datasetNames()).hasSize(1);
        }
    }

    @Test
    void aCreationInterruptedByACrashIsInvisibleAndCleanedOnOpen() throws IOException {
        Workspace.init(dir).close();
        final Path tmp = dir.resolve(".weft/tmp");
        // What a crash mid-creation leaves: a session whose lock no process holds, with a half-built dataset.
        Files.createFile(tmp.resolve("crashed.lock"));
        final Path halfBuilt = Files.createDirectories(tmp.resolve("crashed/dataset/blocks"));
        try (Workspace workspace = Workspace.open(dir.resolve(".weft"))) {
            assertThat(halfBuilt).doesNotExist();
            assertThat(tmp).isEmptyDirectory();
            assertThat(workspace.datasetNames()).isEmpty();
        }
    }

    @Test
    void openingAMissingDatasetFailsWithNotFoundNamingIt() {
        try (Workspace workspace = Workspace.init(dir)) {
            assertThatThrownBy(() -> workspace.dataset(DatasetName.of("nowhere")))
                    .isInstanceOfSatisfying(WeftException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("'nowhere'");
                    });
        }
    }

    @Test
    void eachNewDatasetGetsItsOwnKeyStoredOwnerOnlyOutsideTheDataset() throws IOException {
        try (Workspace workspace = Workspace.init(dir)) {
            final CreatedDataset one = workspace.createDataset(DatasetName.of("one"));
            final CreatedDataset two = workspace.createDataset(DatasetName.of("two"));
            assertThat(one.keyPair().id()).isNotEqualTo(two.keyPair().id());

            final DatasetKeyPair loaded = workspace.loadKey(one.keyPair().id());
            assertThat(loaded.privateKey()).isEqualTo(one.keyPair().privateKey());

            final Path keyFile = workspace.directory().resolve("keys")
                    .resolve(one.keyPair().id().toDidString().substring("did:odf:".length()) + ".key");
            assertThat(keyFile).isRegularFile();
            assertThat(keyFile.startsWith(one.store().directory())).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(workspace.directory().resolve("keys")))).isEqualTo("rwx------");
        }
    }

    @Test
    void loadingTheKeyOfAnUnknownDatasetFailsWithNotFound() {
        try (Workspace workspace = Workspace.init(dir)) {
            final DatasetKeyPair stranger = DatasetKeyPair.generate();
            assertThatThrownBy(() -> workspace.loadKey(stranger.id()))
                    .isInstanceOfSatisfying(WeftException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains(stranger.id().toString());
                    });
        }
    }

    @Test
    void aKeyFileHoldingAnotherDatasetsKeyIsReportedAsCorrupted() throws IOException {
        try (Workspace workspace = Workspace.init(dir)) {
            final DatasetKeyPair mine = DatasetKeyPair.generate();
            final DatasetKeyPair other = DatasetKeyPair.generate();
            workspace.storeKey(other);
            final Path keys = workspace.directory().resolve("keys");
            Files.move(keys.resolve(other.id().toDidString().substring(8) + ".key"),
                    keys.resolve(mine.id().toDidString().substring(8) + ".key"));
            assertThatThrownBy(() -> workspace.loadKey(mine.id()))
                    .isInstanceOfSatisfying(WeftException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
        }
    }

    @Test
    void datasetsOfAWorkspaceCommitIndependently() {
        try (Workspace workspace = Workspace.init(dir)) {
            final LocalDatasetStore store = workspace.createDataset(DatasetName.of("ledger")).store();
            store.commit(Optional.empty(), new byte[] {1, 2, 3});
            assertThat(workspace.dataset(DatasetName.of("ledger")).head()).isPresent();
        }
        try (Workspace reopened = Workspace.discover(dir)) {
            assertThat(reopened.dataset(DatasetName.of("LEDGER")).head()).isPresent();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
