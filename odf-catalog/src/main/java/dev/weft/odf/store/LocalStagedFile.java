package dev.weft.odf.store;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.hash.Sha3;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staged file of a {@link LocalDatasetStore}: a temporary file in the store's session directory, on the same file
 * system as the dataset so that committing it is an atomic rename. Not thread-safe.
 */
public final class LocalStagedFile implements StagedFile {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStagedFile.class);

    private enum State { OPEN, COMMITTED, CLOSED }

    private final LocalDatasetStore owner;
    private final FileKind kind;
    private final Path path;
    private State state = State.OPEN;
    private boolean streamOpened;
    private boolean pathExposed;
    private Multihash streamedHash;
    private Multihash readHash;
    private List<Object> hashedContent;
    private Multihash committedHash;

    LocalStagedFile(LocalDatasetStore owner, FileKind kind, Path path) {
        this.owner = owner;
        this.kind = kind;
        this.path = path;
    }

    @Override
    public FileKind kind() {
        return kind;
    }

    /**
     * The staged file's location, for writers that need a path (engines writing Parquet themselves). Content written
     * this way is hashed by reading the file back at commit.
     */
    public Path path() {
        requireOpen();
        pathExposed = true;
        return path;
    }

    @Override
    public OutputStream openOutputStream() {
        requireOpen();
        if (streamOpened) {
            throw new IllegalStateException("the output stream of staged file " + path + " was opened already");
        }
        streamOpened = true;
        try {
            return new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot write staged file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isCommitted() {
        return state == State.COMMITTED;
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // The session directory is removed when the store closes or by the next cleanup, so this is not fatal.
                LOG.warn("Cannot delete staged file {}: {}", path, e.toString());
            }
        }
    }

    LocalDatasetStore owner() {
        return owner;
    }

    Path location() {
        return path;
    }

    /**
     * The SHA3-256 multihash of what is in the file now: from the stream when only the closed stream wrote it, else
     * read back — once for a given content, so a writer that asks for the hash to record it in a block and the commit
     * that checks it read the file once between them. The content counts as the same while the file's size and
     * modification time are.
     *
     * @throws IOException when the file cannot be read
     */
    public Multihash contentHash() throws IOException {
        if (streamedHash != null && !pathExposed) {
            return streamedHash;
        }
        if (streamOpened && streamedHash == null && !pathExposed) {
            throw new IllegalStateException("staged file " + path + " is still being written: close its stream first");
        }
        final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        final List<Object> content = List.of(attributes.size(), attributes.lastModifiedTime());
        if (!content.equals(hashedContent)) {
            readHash = Multihash.sha3(path);
            hashedContent = content;
        }
        return readHash;
    }

    Multihash committedHash() {
        return committedHash;
    }

    void markCommitted(Multihash hash) {
        state = State.COMMITTED;
        committedHash = hash;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("staged file " + path + " is " + state.name().toLowerCase());
        }
    }

    /** Computes SHA3-256 of the bytes on their way to the file, so commit needs no second read. */
    private final class HashingOutputStream extends FilterOutputStream {
        private final Sha3 digest = new Sha3();
        private boolean closed;

        HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            super.close();
            streamedHash = Multihash.of(Multihash.SHA3_256, digest.digest());
        }
    }
}
