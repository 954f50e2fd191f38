package dev.weft.odf.store;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.identity.DatasetId;
import dev.weft.odf.identity.DatasetKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Weft workspace: a {@code .weft/} directory holding datasets in {@code datasets/<name>/} (each in the ODF
 * layout), their Ed25519 keys in {@code keys/<dataset id>.key} (owner-only, outside the dataset folders so that
 * sharing a dataset never shares its key), and temporary sessions in {@code tmp/}.
 *
 * <p>Datasets are created in a {@code tmp/} session and renamed into {@code datasets/} in one step, so a crash never
 * leaves a half-built dataset visible; the sessions of crashed processes are deleted by {@link #open} and
 * {@link #init}, and listing ignores every entry that is not a valid dataset name. Thread-safe; closing the
 * workspace closes the stores it opened.
 */
public final class Workspace implements AutoCloseable {
    /** Name of the workspace directory. */
    public static final String DIR_NAME = ".weft";

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
    private static final String DATASETS = "datasets";
    private static final String KEYS = "keys";
    private static final String TMP = "tmp";
    private static final String CREATE_LOCK = "datasets.lock";
    private static final String KEY_SUFFIX = ".key";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path weftDir;
    private final TempSessions temps;
    private final ConcurrentHashMap<DatasetName, LocalDatasetStore> stores = new ConcurrentHashMap<>();

    private Workspace(Path weftDir) {
        this.weftDir = weftDir;
        this.temps = new TempSessions(weftDir.resolve(TMP));
    }

    /**
     * Creates {@code dir/.weft} and opens it.
     *
     * @throws WeftException {@code ALREADY_EXISTS} when {@code dir} has a workspace already
     */
    public static Workspace init(Path dir) {
        Objects.requireNonNull(dir, "dir");
        final Path weftDir = dir.toAbsolutePath().normalize().resolve(DIR_NAME);
        try {
            Files.createDirectories(weftDir.getParent());
            Files.createDirectory(weftDir);
        } catch (FileAlreadyExistsException e) {
            throw new WeftException(ErrorCode.ALREADY_EXISTS,
                    "Cannot create a Weft workspace in " + dir + ": " + weftDir + " exists already", e);
        } catch (IOException e) {
            throw io("create a Weft workspace in " + dir, e);
        }
        return open(weftDir);
    }

    /**
     * Opens the nearest {@code .weft/} directory in {@code start} or one of its parents.
     *
     * @throws WeftException {@code WORKSPACE} when there is none
     */
    public static Workspace discover(Path start) {
        Objects.requireNonNull(start, "start");
        final Path from = start.toAbsolutePath().normalize();
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(DIR_NAME);
            if (Files.isDirectory(candidate)) {
                return open(candidate);
            }
        }
        throw new WeftException(ErrorCode.WORKSPACE,
                "no Weft workspace in " + from + " or any parent; run `weft init`");
    }

    /**
     * Opens a workspace directory, completing a layout a crash interrupted and deleting crashed sessions.
     *
     * @throws WeftException {@code WORKSPACE} when {@code weftDir} is not a directory
     */
    public static Workspace open(Path weftDir) {
        Objects.requireNonNull(weftDir, "weftDir");
        if (!Files.isDirectory(weftDir)) {
            throw new WeftException(ErrorCode.WORKSPACE,
                    "Cannot open Weft workspace " + weftDir + ": not a directory; run `weft init`");
        }
        try {
            final Path real = weftDir.toRealPath();
            Files.createDirectories(real.resolve(DATASETS));
            Files.createDirectories(real.resolve(TMP));
            createPrivateDirectory(real.resolve(KEYS));
            final Workspace workspace = new Workspace(real);
            final int removed = workspace.temps.cleanStale();
            if (removed > 0) {
                LOG.info("Removed {} temporary sessions left by crashed processes in {}", removed, real);
            }
            return workspace;
        } catch (IOException e) {
            throw new WeftException(ErrorCode.WORKSPACE, "Cannot open Weft workspace " + weftDir + ": " + e, e);
        }
    }

    /** The {@code .weft} directory (a real path). */
    public Path directory() {
        return weftDir;
    }

    /** Names of all datasets, sorted case-insensitively; entries that are not dataset names are skipped. */
    public List<DatasetName> datasetNames() {
        final List<DatasetName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(weftDir.resolve(DATASETS))) {
            for (Path entry : entries) {
                final String fileName = entry.getFileName().toString();
                if (DatasetName.isValid(fileName) && Files.isDirectory(entry)) {
                    names.add(DatasetName.of(fileName));
                }
            }
        } catch (IOException e) {
            throw io("list the datasets of workspace " + weftDir, e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /** Whether a dataset of this name (compared case-insensitively) exists. */
    public boolean contains(DatasetName name) {
        Objects.requireNonNull(name, "name");
        return find(name).isPresent();
    }

    /**
     * The store of an existing dataset, shared by all callers of this workspace and closed with it.
     *
     * @throws WeftException {@code NOT_FOUND} naming the dataset when it does not exist
     */
    public LocalDatasetStore dataset(DatasetName name) {
        Objects.requireNonNull(name, "name");
        final LocalDatasetStore cached = stores.get(name);
        if (cached != null) {
            return cached;
        }
        final DatasetName stored = find(name).orElseThrow(() -> new WeftException(ErrorCode.NOT_FOUND,
                "Dataset '" + name + "' does not exist in workspace " + weftDir));
        // Opening cleans and may create files: do it outside computeIfAbsent, and keep the first store that wins.
        final LocalDatasetStore opened = LocalDatasetStore.open(datasetDir(stored), stored.value());
        final LocalDatasetStore winner = stores.putIfAbsent(stored, opened);
        if (winner != null) {
            opened.close();
            return winner;
        }
        return opened;
    }

    /**
     * Creates an empty dataset and a fresh key pair for it, stored under {@code keys/}. The dataset appears in one
     * atomic rename; the key is written before, so a visible dataset always has its key (a crash in between leaves
     * only an unused key file).
     *
     * @throws WeftException {@code ALREADY_EXISTS} when a dataset of this name, in any letter case, exists
     */
    @SuppressWarnings("try") // the lock is held by the try block, not used in it
    public CreatedDataset createDataset(DatasetName name) {
        Objects.requireNonNull(name, "name");
        if (contains(name)) {
            throw alreadyExists(name);
        }
        final DatasetKeyPair keyPair = DatasetKeyPair.generate();
        try (TempSessions.Session session = temps.open()) {
            final Path building = session.dir().resolve("dataset");
            LocalDatasetStore.createLayout(building);
            storeKey(keyPair);
            // The lock makes check-then-rename atomic across processes, which the file system does not do for names
            // differing only in letter case.
            try (InterProcessLock lock = InterProcessLock.acquire(weftDir.resolve(CREATE_LOCK))) {
                if (find(name).isPresent()) {
                    throw alreadyExists(name);
                }
                FileOps.moveAtomically(building, datasetDir(name));
            }
        } catch (IOException e) {
            throw io("create dataset '" + name + "' in workspace " + weftDir, e);
        }
        LOG.info("Created dataset '{}' with id {}", name, keyPair.id());
        return new CreatedDataset(name, dataset(name), keyPair);
    }

    /** Stores a dataset's key pair as {@code keys/<id>.key}, readable by the owner only; replaces an existing one. */
    public void storeKey(DatasetKeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        final Path target = keyPath(keyPair.id());
        try (TempSessions.Session session = temps.open()) {
            final Path temp = session.dir().resolve("key");
            createPrivateFile(temp);
            FileOps.writeAtomically(temp, target,
                    HexFormat.of().formatHex(keyPair.privateKey()).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw io("store the key of dataset " + keyPair.id(), e);
        }
    }

    /**
     * Loads the key pair of a dataset.
     *
     * @throws WeftException {@code NOT_FOUND} when this workspace has no key for {@code id}, {@code CORRUPTED} when
     *     the stored key is unreadable or belongs to another id
     */
    public DatasetKeyPair loadKey(DatasetId id) {
        Objects.requireNonNull(id, "id");
        final Path file = keyPath(id);
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new WeftException(ErrorCode.NOT_FOUND,
                    "Workspace " + weftDir + " has no key for dataset " + id + " (expected " + file + ")", e);
        } catch (IOException e) {
            throw io("read the key of dataset " + id, e);
        }
        final DatasetKeyPair keyPair;
        try {
            keyPair = DatasetKeyPair.fromPrivateKey(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new WeftException(ErrorCode.CORRUPTED, "Key file " + file + " is unreadable: " + e.getMessage(), e);
        }
        if (!keyPair.id().equals(id)) {
            throw new WeftException(ErrorCode.CORRUPTED,
                    "Key file " + file + " holds the key of " + keyPair.id() + ", not of " + id);
        }
        return keyPair;
    }

    /** Closes the dataset stores this workspace opened. */
    @Override
    public void close() {
        for (LocalDatasetStore store : stores.values()) {
            store.close();
        }
        stores.clear();
    }

    private Optional<DatasetName> find(DatasetName name) {
        if (Files.isDirectory(datasetDir(name))) {
            return Optional.of(name);
        }
        return datasetNames().stream().filter(name::equals).findFirst();
    }

    private Path datasetDir(DatasetName name) {
        return weftDir.resolve(DATASETS).resolve(name.value());
    }

    private Path keyPath(DatasetId id) {
        // The multibase form rather than the DID: colons are not portable in file names.
        return weftDir.resolve(KEYS).resolve(id.toDidString().substring("did:odf:".length()) + KEY_SUFFIX);
    }

    private WeftException alreadyExists(DatasetName name) {
        return new WeftException(ErrorCode.ALREADY_EXISTS,
                "Cannot create dataset '" + name + "': a dataset with this name (ignoring case) exists in " + weftDir);
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectory(dir, posix(OWNER_DIR));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // Another process created it first.
            LOG.debug("{} created concurrently", dir);
        }
    }

    private static void createPrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file, posix(OWNER_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> posix(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static WeftException io(String what, IOException e) {
        return new WeftException(ErrorCode.IO, "Cannot " + what + ": " + e, e);
    }
}
