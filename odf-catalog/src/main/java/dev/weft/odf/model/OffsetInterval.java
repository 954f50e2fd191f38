package dev.weft.odf.model;

/**
 * An inclusive range {@code [start, end]} of record offsets in a dataset; offsets are unsigned 64-bit values held in
 * {@code long}s.
 */
public record OffsetInterval(long start, long end) {
    /** Number of offsets in the interval. */
    public long size() {
        return end - start + 1;
    }
}
