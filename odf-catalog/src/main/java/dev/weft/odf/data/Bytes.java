package dev.weft.odf.data;

/** Little-endian encodings of the fixed-size integers that arrow-digest feeds into its hashers. */
final class Bytes {
    private Bytes() {}

    static byte[] u64(long value) {
        final byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    static byte[] u16(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }
}
