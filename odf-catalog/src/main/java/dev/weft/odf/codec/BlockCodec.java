package dev.weft.odf.codec;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.MetadataBlock;
import java.util.Objects;

/**
 * Converts metadata blocks to and from the bytes of an ODF block file: a FlatBuffers {@code Manifest} of kind
 * {@code odf-metadata-block} wrapping the {@code MetadataBlock} flatbuffer. Encoding reproduces kamu's bytes
 * exactly, so the hash of an encoded block equals kamu's. Stateless and thread-safe.
 */
public final class BlockCodec {
    /** Manifest kind of metadata blocks ({@code odf-metadata-block}). */
    public static final long METADATA_BLOCK_KIND = 0x400000L;
    /** Layout written by kamu <= 0.264.0: the {@code Timestamp} struct is not aligned. */
    public static final int VERSION_UNALIGNED_TIMESTAMPS = 2;
    /** The current layout. */
    public static final int CURRENT_VERSION = 3;

    private BlockCodec() {}

    /** A decoded block file: its manifest version (2 or 3) and the block. */
    public record DecodedBlock(int manifestVersion, MetadataBlock block) {
        public DecodedBlock {
            Objects.requireNonNull(block, "block");
        }
    }

    /** The block file content for {@code block} in the current layout (manifest version 3). */
    public static byte[] encode(MetadataBlock block) {
        return encode(block, CURRENT_VERSION);
    }

    /**
     * The block file content for {@code block} in the given layout.
     *
     * @throws IllegalArgumentException when the version is not 2 or 3
     */
    public static byte[] encode(MetadataBlock block, int manifestVersion) {
        Objects.requireNonNull(block, "block");
        if (manifestVersion != VERSION_UNALIGNED_TIMESTAMPS && manifestVersion != CURRENT_VERSION) {
            throw new IllegalArgumentException(
                    "Cannot encode block: manifest version must be 2 or 3, got " + manifestVersion);
        }
        final byte[] content = BlockEncoder.encodeBlock(block, manifestVersion);
        return BlockEncoder.encodeManifest(METADATA_BLOCK_KIND, manifestVersion, content);
    }

    /**
     * Reads a block file of manifest version 2 or 3.
     *
     * @throws WeftException with {@link ErrorCode#CORRUPTED} when the bytes are not such a block, saying what was
     *     expected and what was found
     */
    public static DecodedBlock decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            final FlatTable manifest = FlatTable.root(bytes, "Manifest");
            final long kind = manifest.u64(0, 0L);
            if (kind != METADATA_BLOCK_KIND) {
                throw FlatTable.corrupt(String.format(
                        "expected a manifest of kind 0x%x (odf-metadata-block), found kind 0x%x",
                        METADATA_BLOCK_KIND, kind));
            }
            final int version = manifest.i32(1, 0);
            if (version != VERSION_UNALIGNED_TIMESTAMPS && version != CURRENT_VERSION) {
                throw FlatTable.corrupt(
                        "unsupported manifest version " + version + ", expected " + VERSION_UNALIGNED_TIMESTAMPS
                                + ".." + CURRENT_VERSION);
            }
            final byte[] content = manifest.required(manifest.bytes(2, "content"), "content");
            return new DecodedBlock(version, BlockDecoder.decodeBlock(content));
        } catch (WeftException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Model constructors reject values the schema allows but ODF forbids; report them as corruption too.
            throw new WeftException(
                    ErrorCode.CORRUPTED, "Corrupted metadata block: " + e.getClass().getSimpleName() + ": "
                            + e.getMessage(), e);
        }
    }
}
