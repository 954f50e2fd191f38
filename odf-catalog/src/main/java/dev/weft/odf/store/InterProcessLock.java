package dev.weft.odf.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file that excludes both other threads of this JVM and other processes.
 *
 * <p>File locks belong to the whole JVM: a second {@code FileChannel.lock} from another thread throws
 * {@code OverlappingFileLockException}, and on POSIX closing any channel on the file drops every lock the JVM holds
 * on it. So threads first queue on an in-JVM lock per file, and only its holder opens a channel on the file; the
 * map of in-JVM locks is static because the file lock it guards is JVM-wide too. Not reentrant.
 */
final class InterProcessLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private InterProcessLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this thread holds the lock on {@code lockFile} (created if missing; its content is unused). */
    static InterProcessLock acquire(Path lockFile) throws IOException {
        final Path key = lockFile.toAbsolutePath().normalize();
        final ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("lock on " + key + " is already held by this thread");
        }
        jvmLock.lock();
        try {
            final FileChannel channel =
                    FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new InterProcessLock(jvmLock, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
