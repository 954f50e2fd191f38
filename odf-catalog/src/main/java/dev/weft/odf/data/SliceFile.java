package dev.weft.odf.data;

import dev.weft.odf.hash.Multihash;
import java.util.Objects;

/**
 * What writing a data slice produced: its row count, file size in bytes, physical hash (SHA3-256 of the file) and
 * logical hash (RFC 002).
 */
public record SliceFile(long rowCount, long sizeBytes, Multihash physicalHash, Multihash logicalHash) {
    public SliceFile {
        Objects.requireNonNull(physicalHash, "physicalHash");
        Objects.requireNonNull(logicalHash, "logicalHash");
    }
}
