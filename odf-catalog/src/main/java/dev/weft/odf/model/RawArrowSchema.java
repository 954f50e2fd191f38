package dev.weft.odf.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The bytes of a legacy Arrow IPC schema message stored in old {@link SetDataSchema} events, compared by content. */
public final class RawArrowSchema {
    private final byte[] bytes;

    private RawArrowSchema(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of the given bytes. */
    public static RawArrowSchema of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new RawArrowSchema(bytes.clone());
    }

    /** A copy of the schema bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawArrowSchema other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawArrowSchema[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
