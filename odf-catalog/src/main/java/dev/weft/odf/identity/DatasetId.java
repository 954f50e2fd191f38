package dev.weft.odf.identity;

import dev.weft.odf.hash.Multibase;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A dataset's globally unique identity: the Ed25519 public key of its Seed, printed as {@code did:odf:fed01…}.
 * Immutable and thread-safe.
 */
public final class DatasetId {
    /** Multicodec varint prefix of {@code ed25519-pub}. */
    private static final byte[] ED25519_PUB_PREFIX = {(byte) 0xED, 0x01};
    private static final int KEY_LENGTH = 32;

    private final byte[] publicKey;

    private DatasetId(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /** Creates an identity from the 32 bytes of an Ed25519 public key. */
    public static DatasetId ofPublicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, got " + publicKey.length);
        }
        return new DatasetId(publicKey.clone());
    }

    /** Parses the binary form stored in blocks: {@code ed 01} followed by the 32 key bytes. */
    public static DatasetId fromBytes(byte[] binary) {
        if (binary.length != ED25519_PUB_PREFIX.length + KEY_LENGTH
                || binary[0] != ED25519_PUB_PREFIX[0]
                || binary[1] != ED25519_PUB_PREFIX[1]) {
            throw new IllegalArgumentException(
                    "dataset id must be the ed25519-pub multicodec (ed 01) plus 32 key bytes, got "
                            + HexFormat.of().formatHex(binary));
        }
        return new DatasetId(Arrays.copyOfRange(binary, 2, binary.length));
    }

    /**
     * Parses {@code did:odf:<multibase>} (base16 or base58) or {@code did:key:<multibase>}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static DatasetId parse(String text) {
        Objects.requireNonNull(text, "text");
        final String body;
        if (text.startsWith("did:odf:")) {
            body = text.substring("did:odf:".length());
        } else if (text.startsWith("did:key:")) {
            body = text.substring("did:key:".length());
        } else {
            throw new IllegalArgumentException("invalid dataset id '" + text + "': expected did:odf:… or did:key:…");
        }
        try {
            return fromBytes(Multibase.decode(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid dataset id '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether the text looks like a DID rather than a dataset alias. */
    public static boolean looksLikeDid(String text) {
        return text.startsWith("did:");
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The binary form stored in blocks: {@code ed 01} followed by the key. */
    public byte[] toBytes() {
        final byte[] out = new byte[ED25519_PUB_PREFIX.length + KEY_LENGTH];
        System.arraycopy(ED25519_PUB_PREFIX, 0, out, 0, ED25519_PUB_PREFIX.length);
        System.arraycopy(publicKey, 0, out, ED25519_PUB_PREFIX.length, KEY_LENGTH);
        return out;
    }

    /** The canonical form, {@code did:odf:fed01…}. */
    public String toDidString() {
        return "did:odf:" + Multibase.encodeBase16(toBytes());
    }

    /** The {@code did:key:z6Mk…} form. */
    public String toDidKeyString() {
        return "did:key:" + Multibase.encodeBase58(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetId other && Arrays.equals(other.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return toDidString();
    }
}
