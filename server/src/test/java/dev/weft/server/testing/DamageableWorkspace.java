package dev.weft.server.testing;

import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A small workspace for fault-injection tests: datasets {@code healthy} and {@code victim}, each a Ledger of
 * {@code (id BIGINT, label STRING)} with {@link #ROWS_PER_DATASET} rows written by two ingests (two slices), and
 * the ways to damage {@code victim} on disk the way a failing disk or a careless hand would.
 */
public final class DamageableWorkspace {
    public static final long ROWS_PER_DATASET = 6;
    public static final DatasetName HEALTHY = DatasetName.of("healthy");
    public static final DatasetName VICTIM = DatasetName.of("victim");

    private final Path root;

    private DamageableWorkspace(Path root) {
        this.root = root;
    }

    /** Creates the workspace under {@code dir} and closes it again: open it with {@link #open()}. */
    public static DamageableWorkspace create(Path dir) {
        try (Workspace workspace = Workspace.init(dir)) {
            for (DatasetName name : List.of(HEALTHY, VICTIM)) {
                addDataset(workspace, name, dir);
            }
        }
        return new DamageableWorkspace(dir);
    }

    public Workspace open() {
        return Workspace.open(root.resolve(Workspace.DIR_NAME));
    }

    /** Deletes the newest data slice file of {@code victim}; returns its path. */
    public Path deleteSlice(Workspace workspace) {
        final Path file = newestSlice(workspace);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Flips one byte of the newest data slice file of {@code victim}: the first byte of its first page header (just
     * after the leading magic), so that reading the pages fails while the footer, which engines cache, stays intact.
     */
    public Path flipSliceByte(Workspace workspace) {
        final Path file = newestSlice(workspace);
        flipByte(file, 4);
        return file;
    }

    /** Flips one byte in the middle of the head block of {@code victim}: its hash no longer matches its name. */
    public Path corruptHeadBlock(Workspace workspace) {
        final LocalDatasetStore store = workspace.dataset(VICTIM);
        final Path block = store.blockPath(store.head().orElseThrow());
        try {
            flipByte(block, Files.size(block) / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return block;
    }

    /**
     * Moves the head of {@code victim} to a new block whose bytes are its old head block with one byte flipped, as a
     * commit torn by a failing disk would leave it: the block exists, but does not hash to its name.
     */
    public Path moveHeadToCorruptBlock(Workspace workspace) {
        final LocalDatasetStore store = workspace.dataset(VICTIM);
        try {
            final byte[] bytes = store.readBlock(store.head().orElseThrow());
            final Multihash torn = Multihash.sha3(
                    "a block name its bytes do not hash to".getBytes(StandardCharsets.UTF_8));
            bytes[bytes.length / 2] ^= (byte) 0x5A;
            final Path block = store.blockPath(torn);
            Files.write(block, bytes);
            Files.writeString(store.directory().resolve("refs/head"), torn.toMultibase());
            return block;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites {@code refs/head} of {@code victim} with text that is not a multihash. */
    public Path corruptHead(Workspace workspace) {
        final Path ref = workspace.dataset(VICTIM).directory().resolve("refs/head");
        try {
            Files.writeString(ref, "not-a-hash");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ref;
    }

    private static Path newestSlice(Workspace workspace) {
        final DatasetView view = new WorkspaceCatalog(workspace).current(VICTIM).orElseThrow();
        final List<SliceIndex.Slice> slices = view.slices().slices();
        return view.dataFile(slices.get(slices.size() - 1));
    }

    private static void flipByte(Path file, long position) {
        try {
            final byte[] bytes = Files.readAllBytes(file);
            bytes[(int) position] ^= (byte) 0x5A;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addDataset(Workspace workspace, DatasetName name, Path scratch) {
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
                          - label STRING
                      merge:
                        kind: Ledger
                        primaryKey:
                          - id
                """.formatted(name.value()), name.value() + ".yaml")));
        final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
        try {
            for (int part = 0; part < 2; part++) {
                final StringBuilder csv = new StringBuilder("id,label\n");
                for (int row = 0; row < ROWS_PER_DATASET / 2; row++) {
                    final long id = part * (ROWS_PER_DATASET / 2) + row;
                    csv.append(id).append(",row ").append(id).append('\n');
                }
                final Path file = Files.writeString(scratch.resolve(name.value() + "-" + part + ".csv"), csv);
                ingester.ingest(name, List.of(file), PushIngester.Options.DEFAULT);
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
