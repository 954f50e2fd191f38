package dev.weft.odf.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory of temporary sessions, one per live writer, each a subdirectory {@code <id>/} guarded by a locked file
 * {@code <id>.lock}. The operating system drops the lock when its process dies, so {@link #cleanStale()} can tell the
 * leftovers of a crashed writer (lock free) from a live writer's files (lock held) without guessing from file ages.
 */
final class TempSessions {
    private static final String LOCK_SUFFIX = ".lock";
    /**
     * Lock files held by this JVM. The cleaner must never open a channel on them: on POSIX closing that channel would
     * drop the owner's lock. Static because file locks are JVM-wide.
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path root;

    TempSessions(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Starts a session: takes its lock first, then creates its directory, so a session directory always has a lock. */
    Session open() throws IOException {
        Files.createDirectories(root);
        for (int attempt = 0; attempt < 3; attempt++) {
            final Session session = tryOpen(UUID.randomUUID().toString());
            if (session != null) {
                return session;
            }
        }
        throw new IOException("cannot start a temporary session in " + root + ": its lock files keep disappearing");
    }

    /** Returns null when a cleaner in another process took the new lock file before this process locked it. */
    private Session tryOpen(String id) throws IOException {
        final Path lockFile = root.resolve(id + LOCK_SUFFIX).toAbsolutePath().normalize();
        // Registered before the file exists, so cleaners in this JVM never open it (see OWNED).
        OWNED.add(lockFile);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            // Between creating and locking, another process's cleaner may have locked the file (null here) or locked,
            // deleted and released it (the path is gone): then this lock guards nothing, so start over.
            if (lock == null || !Files.exists(lockFile)) {
                channel.close();
                OWNED.remove(lockFile);
                return null;
            }
            return new Session(Files.createDirectory(root.resolve(id)), lockFile, channel, lock);
        } catch (IOException | RuntimeException e) {
            OWNED.remove(lockFile);
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(lockFile);
            throw e;
        }
    }

    /**
     * Deletes the sessions whose owner process is gone, and returns how many. Safe to run while other processes hold
     * live sessions in the same directory.
     */
    int cleanStale() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                final String fileName = entry.getFileName().toString();
                if (fileName.endsWith(LOCK_SUFFIX)) {
                    final Path dir = root.resolve(fileName.substring(0, fileName.length() - LOCK_SUFFIX.length()));
                    if (removeIfAbandoned(entry.toAbsolutePath().normalize(), dir)) {
                        removed++;
                    }
                } else if (!Files.exists(root.resolve(fileName + LOCK_SUFFIX))) {
                    // A session creates its lock before its directory and the cleaner deletes the directory before
                    // the lock, so a directory without a lock file has no owner.
                    FileOps.deleteTree(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path lockFile, Path dir) throws IOException {
        if (OWNED.contains(lockFile)) {
            return false;
        }
        final FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (channel) {
            final FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            FileOps.deleteTree(dir);
            Files.deleteIfExists(lockFile);
            lock.release();
            return true;
        }
    }

    /** A live session: a private directory for temporary files, removed with its lock on close. */
    static final class Session implements AutoCloseable {
        private final Path dir;
        private final Path lockFile;
        private final FileChannel channel;
        private final FileLock lock;

        private Session(Path dir, Path lockFile, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.lockFile = lockFile;
            this.channel = channel;
            this.lock = lock;
        }

        Path dir() {
            return dir;
        }

        /** A new empty file in the session directory. */
        Path newFile(String prefix) throws IOException {
            return Files.createTempFile(dir, prefix, ".tmp");
        }

        @Override
        public void close() throws IOException {
            try {
                FileOps.deleteTree(dir);
                Files.deleteIfExists(lockFile);
            } finally {
                OWNED.remove(lockFile);
                lock.release();
                channel.close();
            }
        }
    }
}
