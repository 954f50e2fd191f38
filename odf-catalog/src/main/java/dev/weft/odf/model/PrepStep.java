package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** A step that transforms fetched files before they are read. */
public sealed interface PrepStep {
    /** The ODF kind name of this variant, e.g. {@code "Decompress"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** Extracts an archive ({@code format} required; {@code subPath} nullable). */
    record Decompress(CompressionFormat format, String subPath) implements PrepStep {
        public Decompress {
            Objects.requireNonNull(format, "format");
        }
    }

    /** Pipes the data through an external {@code command} (required). */
    record Pipe(List<String> command) implements PrepStep {
        public Pipe {
            command = List.copyOf(command);
        }
    }
}
