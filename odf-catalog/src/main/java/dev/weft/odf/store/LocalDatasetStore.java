package dev.weft.odf.store;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DatasetStore} on a local directory in the ODF layout: {@code blocks/<hash>}, {@code refs/head},
 * {@code data/<hash>}, {@code checkpoints/<hash>} and {@code info/}, where every hash is a base16 multibase SHA3-256
 * multihash ({@code f1620…}) of the file's bytes.
 *
 * <p>Weft adds two hidden entries that ODF readers ignore: {@code .commit.lock}, the lock file that serialises head
 * updates across threads and processes, and {@code .staging/}, holding one locked session directory per live writer
 * for staged files and the temporary files of atomic writes. Sessions left by crashed processes are deleted when a
 * store is opened. Thread-safe; close it to release its staging session.
 */
public final class LocalDatasetStore implements DatasetStore, AutoCloseable {
    /** Weft's temporary-file area inside a dataset directory. */
    public static final String STAGING_DIR = ".staging";
    /** The lock file guarding {@code refs/head}. */
    public static final String COMMIT_LOCK = ".commit.lock";

    private static final Logger LOG = LoggerFactory.getLogger(LocalDatasetStore.class);
    private static final List<String> LAYOUT = List.of("blocks", "refs", "data", "checkpoints", "info");

    private final Path root;
    private final String name;
    private final TempSessions temps;
    private final ReentrantLock sessionLock = new ReentrantLock();
    private TempSessions.Session session;
    private boolean closed;

    private LocalDatasetStore(Path root, String name) {
        this.root = root;
        this.name = name;
        this.temps = new TempSessions(root.resolve(STAGING_DIR));
    }

    /** Opens the dataset in {@code dir}, named after the directory; see {@link #open(Path, String)}. */
    public static LocalDatasetStore open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        final Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return open(dir, fileName == null ? dir.toString() : fileName.toString());
    }

    /**
     * Opens the dataset in an existing directory and deletes the staging sessions of crashed writers. A directory
     * without blocks is an empty dataset; missing layout directories are created by the first commit.
     *
     * @throws WeftException {@code NOT_FOUND} when {@code dir} is not a directory
     */
    public static LocalDatasetStore open(Path dir, String name) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        if (!Files.isDirectory(dir)) {
            throw new WeftException(ErrorCode.NOT_FOUND,
                    "Cannot open dataset '" + name + "': " + dir + " is not a directory");
        }
        final LocalDatasetStore store;
        try {
            store = new LocalDatasetStore(dir.toRealPath(), name);
        } catch (IOException e) {
            throw io("open dataset '" + name + "' at " + dir, e);
        }
        try {
            final int removed = store.temps.cleanStale();
            if (removed > 0) {
                LOG.info("Removed {} staging sessions left by crashed writers of dataset '{}'", removed, name);
            }
        } catch (IOException e) {
            // Leftovers only cost disk space; a read-only dataset must still open.
            LOG.warn("Cannot clean staging area of dataset '{}' at {}: {}", name, store.temps.root(), e.toString());
        }
        return store;
    }

    /** Creates the ODF layout directories in {@code dir} (which may exist); used to build a new dataset. */
    public static void createLayout(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            for (String sub : LAYOUT) {
                Files.createDirectories(dir.resolve(sub));
            }
        } catch (IOException e) {
            throw io("create the dataset layout in " + dir, e);
        }
    }

    /** The dataset directory (a real path). */
    public Path directory() {
        return root;
    }

    /** Where the block with this hash is (or would be) stored. */
    public Path blockPath(Multihash hash) {
        return root.resolve("blocks").resolve(hash.toMultibase());
    }

    /** Where the data slice or checkpoint with this hash is (or would be) stored, for engines that read files. */
    public Path path(FileKind kind, Multihash hash) {
        Objects.requireNonNull(kind, "kind");
        return root.resolve(kind.directory()).resolve(hash.toMultibase());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Multihash> head() {
        final Path ref = headPath();
        final String text;
        try {
            text = Files.readString(ref, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw io("read the head of dataset '" + name + "'", e);
        }
        try {
            // Strip whitespace so refs written by tools that add a newline still read.
            return Optional.of(Multihash.parse(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new WeftException(ErrorCode.CORRUPTED,
                    "Dataset '" + name + "' has an unreadable refs/head at " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean containsBlock(Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        return Files.isRegularFile(blockPath(hash));
    }

    @Override
    public byte[] readBlock(Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        try {
            return Files.readAllBytes(blockPath(hash));
        } catch (NoSuchFileException e) {
            throw new WeftException(ErrorCode.NOT_FOUND,
                    "Dataset '" + name + "' has no block " + hash.toMultibase(), e);
        } catch (IOException e) {
            throw io("read block " + hash.toMultibase() + " of dataset '" + name + "'", e);
        }
    }

    @Override
    public boolean contains(FileKind kind, Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        return Files.isRegularFile(path(kind, hash));
    }

    @Override
    public OptionalLong size(FileKind kind, Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        try {
            return OptionalLong.of(Files.size(path(kind, hash)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw io("read the size of " + describe(kind, hash), e);
        }
    }

    @Override
    public InputStream open(FileKind kind, Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        try {
            return Files.newInputStream(path(kind, hash));
        } catch (NoSuchFileException e) {
            throw notFound(kind, hash, e);
        } catch (IOException e) {
            throw io("open " + describe(kind, hash), e);
        }
    }

    @Override
    public SeekableByteChannel openChannel(FileKind kind, Multihash hash) {
        Objects.requireNonNull(hash, "hash");
        try {
            return Files.newByteChannel(path(kind, hash), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw notFound(kind, hash, e);
        } catch (IOException e) {
            throw io("open " + describe(kind, hash), e);
        }
    }

    @Override
    public LocalStagedFile stage(FileKind kind) {
        Objects.requireNonNull(kind, "kind");
        try {
            return new LocalStagedFile(this, kind, session().newFile(kind.directory() + "-"));
        } catch (IOException e) {
            throw io("stage a " + kind.name().toLowerCase() + " file in dataset '" + name + "'", e);
        }
    }

    @Override
    public Multihash commit(Optional<Multihash> expectedHead, byte[] block, List<CommitFile> files) {
        Objects.requireNonNull(expectedHead, "expectedHead");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(files, "files");
        // Cheap early check so a writer that is already behind publishes nothing; the check that counts is below.
        final Optional<Multihash> current = head();
        if (!current.equals(expectedHead)) {
            throw new CommitConflictException(name, expectedHead, current);
        }
        final Multihash blockHash = Multihash.sha3(block);
        try {
            final List<LocalStagedFile> staged = verifyFiles(files);
            publishFiles(staged, files);
            final Path blockFile = blockPath(blockHash);
            if (!Files.exists(blockFile)) {
                Files.createDirectories(blockFile.getParent());
                FileOps.writeAtomically(session().newFile("block-"), blockFile, block);
            }
            moveHead(expectedHead, blockHash);
        } catch (IOException e) {
            throw io("commit block " + blockHash.toMultibase() + " to dataset '" + name + "'", e);
        }
        LOG.debug("Dataset '{}' head moved from {} to {}", name, expectedHead, blockHash);
        return blockHash;
    }

    /** Releases this store's staging session and deletes files staged but never committed. Idempotent. */
    @Override
    public void close() {
        sessionLock.lock();
        try {
            closed = true;
            if (session != null) {
                session.close();
                session = null;
            }
        } catch (IOException e) {
            throw io("close the staging area of dataset '" + name + "'", e);
        } finally {
            sessionLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LocalDatasetStore[" + name + " at " + root + "]";
    }

    private List<LocalStagedFile> verifyFiles(List<CommitFile> files) throws IOException {
        final List<LocalStagedFile> staged = new ArrayList<>(files.size());
        for (CommitFile file : files) {
            if (!(file.file() instanceof LocalStagedFile local) || local.owner() != this) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                        "Cannot commit to dataset '" + name + "': the staged file was not staged by this store");
            }
            final Multihash actual = local.isCommitted() ? local.committedHash() : local.contentHash();
            if (!actual.equals(file.hash())) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                        "Cannot commit to dataset '" + name + "': the block records " + kindName(local.kind())
                                + " file " + file.hash().toMultibase() + " but the staged file's content hashes to "
                                + actual.toMultibase());
            }
            staged.add(local);
        }
        return staged;
    }

    private void publishFiles(List<LocalStagedFile> staged, List<CommitFile> files) throws IOException {
        final Set<FileKind> touched = EnumSet.noneOf(FileKind.class);
        for (int i = 0; i < staged.size(); i++) {
            final LocalStagedFile file = staged.get(i);
            final Path target = path(file.kind(), files.get(i).hash());
            if (file.isCommitted()) {
                if (!Files.isRegularFile(target)) {
                    throw new WeftException(ErrorCode.CORRUPTED, "Cannot commit to dataset '" + name + "': "
                            + describe(file.kind(), files.get(i).hash()) + " was published earlier but is gone");
                }
                continue;
            }
            FileOps.fsync(file.location());
            Files.createDirectories(target.getParent());
            // Same name means same content, so replacing a file published by another writer changes nothing.
            Files.move(file.location(), target, StandardCopyOption.ATOMIC_MOVE);
            file.markCommitted(files.get(i).hash());
            touched.add(file.kind());
        }
        for (FileKind kind : touched) {
            FileOps.fsyncDirectory(root.resolve(kind.directory()));
        }
    }

    @SuppressWarnings("try") // the lock is held by the try block, not used in it
    private void moveHead(Optional<Multihash> expectedHead, Multihash newHead) throws IOException {
        final Path ref = headPath();
        Files.createDirectories(ref.getParent());
        final Path temp = session().newFile("head-");
        try (InterProcessLock lock = InterProcessLock.acquire(root.resolve(COMMIT_LOCK))) {
            final Optional<Multihash> actual = head();
            if (!actual.equals(expectedHead)) {
                throw new CommitConflictException(name, expectedHead, actual);
            }
            // ODF requires the bare hash: no trailing newline.
            FileOps.writeAtomically(temp, ref, newHead.toMultibase().getBytes(StandardCharsets.US_ASCII));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private TempSessions.Session session() throws IOException {
        sessionLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            if (session == null) {
                session = temps.open();
            }
            return session;
        } finally {
            sessionLock.unlock();
        }
    }

    private Path headPath() {
        return root.resolve("refs").resolve("head");
    }

    private String describe(FileKind kind, Multihash hash) {
        return kindName(kind) + " file " + hash.toMultibase() + " of dataset '" + name + "'";
    }

    private WeftException notFound(FileKind kind, Multihash hash, IOException cause) {
        return new WeftException(ErrorCode.NOT_FOUND,
                "Dataset '" + name + "' has no " + kindName(kind) + " file " + hash.toMultibase(), cause);
    }

    private static String kindName(FileKind kind) {
        return kind == FileKind.DATA ? "data" : "checkpoint";
    }

    private static WeftException io(String what, IOException e) {
        return new WeftException(ErrorCode.IO, "Cannot " + what + ": " + e, e);
    }
}
