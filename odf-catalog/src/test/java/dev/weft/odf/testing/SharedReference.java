package dev.weft.odf.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only {@code shared/} reference folder (ODF schemas, golden blocks, TPC-H answers) that sits
 * beside the repository checkout. {@code WEFT_SHARED} overrides the search.
 */
public final class SharedReference {
    private SharedReference() {}

    /** The {@code shared/} folder; fails the calling test when it cannot be found. */
    public static Path root() {
        final String override = System.getenv("WEFT_SHARED");
        if (override != null && !override.isBlank()) {
            return requireDirectory(Path.of(override));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("odf-reference"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "cannot find shared/odf-reference in any parent of " + Path.of("").toAbsolutePath()
                        + "; set WEFT_SHARED to the shared/ folder");
    }

    /** {@code shared/odf-reference}. */
    public static Path odf() {
        return root().resolve("odf-reference");
    }

    /** {@code shared/tpch-reference}. */
    public static Path tpch() {
        return root().resolve("tpch-reference");
    }

    private static Path requireDirectory(Path path) {
        if (!Files.isDirectory(path.resolve("odf-reference"))) {
            throw new IllegalStateException("WEFT_SHARED=" + path + " has no odf-reference folder");
        }
        return path;
    }
}
