package dev.weft.odf.hash;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints as used by multihash and multicodec prefixes. */
final class Varint {
    private Varint() {}

    static void write(long value, ByteArrayOutputStream out) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads a varint at {@code pos[0]} and advances it. */
    static long read(byte[] bytes, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated varint");
            }
            final int b = bytes[pos[0]++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("varint too long");
            }
        }
    }
}
