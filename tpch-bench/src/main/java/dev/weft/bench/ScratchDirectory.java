package dev.weft.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's working directory under its work folder, removed with everything in it when closed. */
public final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    public ScratchDirectory(Path work, String prefix) throws IOException {
        Files.createDirectories(work);
        this.path = Files.createTempDirectory(work, prefix);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + path, e);
        }
    }
}
