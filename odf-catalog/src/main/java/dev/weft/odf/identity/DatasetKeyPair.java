package dev.weft.odf.identity;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** The Ed25519 key pair that owns a dataset; its public half is the {@link DatasetId}. */
public final class DatasetKeyPair {
    private final Ed25519PrivateKeyParameters privateKey;

    private DatasetKeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    /** Generates a fresh key pair from a strong random source. */
    public static DatasetKeyPair generate() {
        return new DatasetKeyPair(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** Restores a key pair from its 32-byte private seed. */
    public static DatasetKeyPair fromPrivateKey(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 private key must be 32 bytes, got " + seed.length);
        }
        return new DatasetKeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    public DatasetId id() {
        return DatasetId.ofPublicKey(privateKey.generatePublicKey().getEncoded());
    }

    /** Signs a message (used for dataset ownership proofs). */
    public byte[] sign(byte[] message) {
        final Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Verifies a signature made by the owner of {@code id}. */
    public static boolean verify(DatasetId id, byte[] message, byte[] signature) {
        final Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(id.publicKey(), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
