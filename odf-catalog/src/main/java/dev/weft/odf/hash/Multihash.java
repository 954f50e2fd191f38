package dev.weft.odf.hash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A self-describing hash: multicodec code plus digest. Block hashes, data file hashes and checkpoint hashes are
 * SHA3-256 multihashes whose canonical text is base16 multibase ({@code f1620…}). Immutable and thread-safe.
 */
public final class Multihash implements Comparable<Multihash> {
    /** Multicodec code of SHA3-256. */
    public static final long SHA3_256 = 0x16;
    /** Multicodec code of SHA2-256. */
    public static final long SHA2_256 = 0x12;
    /** Multicodec code of ODF logical hashes ({@code arrow0-sha3-256}). */
    public static final long ARROW0_SHA3_256 = 0x300016;

    private final long code;
    private final byte[] digest;

    private Multihash(long code, byte[] digest) {
        this.code = code;
        this.digest = digest;
    }

    public static Multihash of(long code, byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        return new Multihash(code, digest.clone());
    }

    /** SHA3-256 of the given bytes. */
    public static Multihash sha3(byte[] bytes) {
        return sha3(bytes, 0, bytes.length);
    }

    /** SHA3-256 of a range of the given bytes. */
    public static Multihash sha3(byte[] bytes, int offset, int length) {
        final Sha3 sha3 = new Sha3();
        sha3.update(bytes, offset, length);
        return new Multihash(SHA3_256, sha3.digest());
    }

    /** SHA3-256 of everything the stream yields; the stream is read to its end but not closed. */
    public static Multihash sha3(InputStream in) throws IOException {
        final Sha3 sha3 = new Sha3();
        final byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha3.update(buffer, 0, n);
        }
        return new Multihash(SHA3_256, sha3.digest());
    }

    /** SHA3-256 of a file's content. */
    public static Multihash sha3(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha3(in);
        }
    }

    /** Parses the binary form: varint code, varint length, digest. */
    public static Multihash fromBytes(byte[] bytes) {
        final int[] pos = {0};
        final long code = Varint.read(bytes, pos);
        final long length = Varint.read(bytes, pos);
        if (length != bytes.length - pos[0]) {
            throw new IllegalArgumentException(
                    "multihash declares a " + length + "-byte digest but has " + (bytes.length - pos[0]));
        }
        return new Multihash(code, Arrays.copyOfRange(bytes, pos[0], bytes.length));
    }

    /**
     * Parses a multibase string ({@code f…}, {@code F…}, {@code z…} or {@code u…}).
     *
     * @throws IllegalArgumentException when the text is not a valid multihash
     */
    public static Multihash parse(String text) {
        try {
            return fromBytes(Multibase.decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid multihash '" + text + "': " + e.getMessage(), e);
        }
    }

    public long code() {
        return code;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** The binary form: varint code, varint length, digest. */
    public byte[] toBytes() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 6);
        Varint.write(code, out);
        Varint.write(digest.length, out);
        out.write(digest, 0, digest.length);
        return out.toByteArray();
    }

    /** The canonical ODF text form: base16 multibase ({@code f1620…}). */
    public String toMultibase() {
        return Multibase.encodeBase16(toBytes());
    }

    /** Base58btc multibase form ({@code z…}). */
    public String toBase58() {
        return Multibase.encodeBase58(toBytes());
    }

    /** The short display form kamu prints: the last 8 hex digits. */
    public String toShortString() {
        final String full = toMultibase();
        return full.substring(full.length() - 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash other && other.code == code && Arrays.equals(other.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(code) + Arrays.hashCode(digest);
    }

    @Override
    public int compareTo(Multihash o) {
        final int byCode = Long.compare(code, o.code);
        return byCode != 0 ? byCode : Arrays.compareUnsigned(digest, o.digest);
    }

    @Override
    public String toString() {
        return toMultibase();
    }
}
