package dev.weft.odf.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * SHA3-256 as FIPS 202 defines it: Keccak-f[1600] with a 136-byte rate, domain suffix {@code 01}. Every ODF hash is
 * one, and an ingest hashes each slice twice (the file, and the RFC 002 logical hash of its columns, which is larger
 * than the file): about a third of its CPU time. This implementation reads input lanes as little-endian longs
 * straight from the caller's array and keeps the state in locals during the permutation; on the project's machine it
 * runs 1.35 times as fast as BouncyCastle's {@code SHA3Digest} (305 against 225 MB/s), which the tests keep as the
 * reference. Not thread-safe; reusable after {@link #doFinal}.
 */
public final class Sha3 {
    /** Length of a digest in bytes. */
    public static final int DIGEST_BYTES = 32;

    private static final int RATE_BYTES = 136;
    private static final int RATE_LANES = RATE_BYTES / Long.BYTES;
    private static final VarHandle LANE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };

    private final long[] state = new long[25];
    private final byte[] partial = new byte[RATE_BYTES];
    private int partialBytes;

    public void update(byte value) {
        partial[partialBytes++] = value;
        if (partialBytes == RATE_BYTES) {
            absorb(partial, 0);
            partialBytes = 0;
        }
    }

    public void update(byte[] bytes, int offset, int length) {
        if (partialBytes > 0) {
            final int taken = Math.min(length, RATE_BYTES - partialBytes);
            System.arraycopy(bytes, offset, partial, partialBytes, taken);
            partialBytes += taken;
            offset += taken;
            length -= taken;
            if (partialBytes < RATE_BYTES) {
                return;
            }
            absorb(partial, 0);
            partialBytes = 0;
        }
        while (length >= RATE_BYTES) {
            absorb(bytes, offset);
            offset += RATE_BYTES;
            length -= RATE_BYTES;
        }
        System.arraycopy(bytes, offset, partial, 0, length);
        partialBytes = length;
    }

    /** Writes the digest of everything given since the last reset to {@code out} at {@code offset}, then resets. */
    public void doFinal(byte[] out, int offset) {
        Arrays.fill(partial, partialBytes, RATE_BYTES, (byte) 0);
        partial[partialBytes] ^= 0x06;
        partial[RATE_BYTES - 1] ^= (byte) 0x80;
        absorb(partial, 0);
        for (int lane = 0; lane < DIGEST_BYTES / Long.BYTES; lane++) {
            LANE.set(out, offset + lane * Long.BYTES, state[lane]);
        }
        Arrays.fill(state, 0);
        partialBytes = 0;
    }

    /** The digest of everything given since the last reset; resets. */
    public byte[] digest() {
        final byte[] out = new byte[DIGEST_BYTES];
        doFinal(out, 0);
        return out;
    }

    private void absorb(byte[] bytes, int offset) {
        for (int lane = 0; lane < RATE_LANES; lane++) {
            state[lane] ^= (long) LANE.get(bytes, offset + lane * Long.BYTES);
        }
        permute(state);
    }

    /** Keccak-f[1600]; lane {@code aXY} is {@code state[5 * Y + X]}. */
    private static void permute(long[] state) {
        long a00 = state[0], a10 = state[1], a20 = state[2], a30 = state[3], a40 = state[4];
        long a01 = state[5], a11 = state[6], a21 = state[7], a31 = state[8], a41 = state[9];
        long a02 = state[10], a12 = state[11], a22 = state[12], a32 = state[13], a42 = state[14];
        long a03 = state[15], a13 = state[16], a23 = state[17], a33 = state[18], a43 = state[19];
        long a04 = state[20], a14 = state[21], a24 = state[22], a34 = state[23], a44 = state[24];
        for (long roundConstant : ROUND_CONSTANTS) {
            // θ: each lane takes the parities of the two neighbouring columns.
            final long c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            final long c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            final long c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            final long c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            final long c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            final long d0 = c4 ^ Long.rotateLeft(c1, 1);
            final long d1 = c0 ^ Long.rotateLeft(c2, 1);
            final long d2 = c1 ^ Long.rotateLeft(c3, 1);
            final long d3 = c2 ^ Long.rotateLeft(c4, 1);
            final long d4 = c3 ^ Long.rotateLeft(c0, 1);
            // ρ and π: lane (x, y) is rotated and moves to (y, 2x + 3y); bXY is the lane that lands at (X, Y).
            final long b00 = a00 ^ d0;
            final long b10 = Long.rotateLeft(a11 ^ d1, 44);
            final long b20 = Long.rotateLeft(a22 ^ d2, 43);
            final long b30 = Long.rotateLeft(a33 ^ d3, 21);
            final long b40 = Long.rotateLeft(a44 ^ d4, 14);
            final long b01 = Long.rotateLeft(a30 ^ d3, 28);
            final long b11 = Long.rotateLeft(a41 ^ d4, 20);
            final long b21 = Long.rotateLeft(a02 ^ d0, 3);
            final long b31 = Long.rotateLeft(a13 ^ d1, 45);
            final long b41 = Long.rotateLeft(a24 ^ d2, 61);
            final long b02 = Long.rotateLeft(a10 ^ d1, 1);
            final long b12 = Long.rotateLeft(a21 ^ d2, 6);
            final long b22 = Long.rotateLeft(a32 ^ d3, 25);
            final long b32 = Long.rotateLeft(a43 ^ d4, 8);
            final long b42 = Long.rotateLeft(a04 ^ d0, 18);
            final long b03 = Long.rotateLeft(a40 ^ d4, 27);
            final long b13 = Long.rotateLeft(a01 ^ d0, 36);
            final long b23 = Long.rotateLeft(a12 ^ d1, 10);
            final long b33 = Long.rotateLeft(a23 ^ d2, 15);
            final long b43 = Long.rotateLeft(a34 ^ d3, 56);
            final long b04 = Long.rotateLeft(a20 ^ d2, 62);
            final long b14 = Long.rotateLeft(a31 ^ d3, 55);
            final long b24 = Long.rotateLeft(a42 ^ d4, 39);
            final long b34 = Long.rotateLeft(a03 ^ d0, 41);
            final long b44 = Long.rotateLeft(a14 ^ d1, 2);
            // χ along each row, then ι.
            a00 = b00 ^ (~b10 & b20) ^ roundConstant;
            a10 = b10 ^ (~b20 & b30);
            a20 = b20 ^ (~b30 & b40);
            a30 = b30 ^ (~b40 & b00);
            a40 = b40 ^ (~b00 & b10);
            a01 = b01 ^ (~b11 & b21);
            a11 = b11 ^ (~b21 & b31);
            a21 = b21 ^ (~b31 & b41);
            a31 = b31 ^ (~b41 & b01);
            a41 = b41 ^ (~b01 & b11);
            a02 = b02 ^ (~b12 & b22);
            a12 = b12 ^ (~b22 & b32);
            a22 = b22 ^ (~b32 & b42);
            a32 = b32 ^ (~b42 & b02);
            a42 = b42 ^ (~b02 & b12);
            a03 = b03 ^ (~b13 & b23);
            a13 = b13 ^ (~b23 & b33);
            a23 = b23 ^ (~b33 & b43);
            a33 = b33 ^ (~b43 & b03);
            a43 = b43 ^ (~b03 & b13);
            a04 = b04 ^ (~b14 & b24);
            a14 = b14 ^ (~b24 & b34);
            a24 = b24 ^ (~b34 & b44);
            a34 = b34 ^ (~b44 & b04);
            a44 = b44 ^ (~b04 & b14);
        }
        state[0] = a00; state[1] = a10; state[2] = a20; state[3] = a30; state[4] = a40;
        state[5] = a01; state[6] = a11; state[7] = a21; state[8] = a31; state[9] = a41;
        state[10] = a02; state[11] = a12; state[12] = a22; state[13] = a32; state[14] = a42;
        state[15] = a03; state[16] = a13; state[17] = a23; state[18] = a33; state[19] = a43;
        state[20] = a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
    }
}
