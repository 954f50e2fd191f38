package dev.weft.temporal;

import dev.weft.odf.hash.Multihash;
import java.time.Instant;
import java.util.Objects;

/** An AS AT point: a system time, or a block named by its hash (which belongs to one dataset). */
public final class AsAt {
    private final Instant time;
    private final Multihash block;
    private final String text;

    private AsAt(Instant time, Multihash block, String text) {
        this.time = time;
        this.block = block;
        this.text = text;
    }

    public static AsAt time(Instant time) {
        return new AsAt(Objects.requireNonNull(time, "time"), null, time.toString());
    }

    public static AsAt block(Multihash block, String text) {
        return new AsAt(null, Objects.requireNonNull(block, "block"), text);
    }

    /** The system time, or null for a block. */
    public Instant time() {
        return time;
    }

    /** The block hash, or null for a time. */
    public Multihash block() {
        return block;
    }

    @Override
    public String toString() {
        return text;
    }
}
