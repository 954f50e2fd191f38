package dev.weft.odf.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.DisablePollingSource;
import dev.weft.odf.model.MetadataBlock;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Malformed block files are rejected with {@link ErrorCode#CORRUPTED} and a message saying what is wrong. */
class BlockCodecErrorsTest {
    private static final Instant NOON = Instant.parse("2020-01-01T12:00:00Z");

    @Test
    void wrongManifestKindIsNamed() {
        final byte[] bytes = BlockEncoder.encodeManifest(0x400001L, 3, content(0));
        assertCorrupted(bytes).hasMessageContaining("expected a manifest of kind 0x400000")
                .hasMessageContaining("found kind 0x400001");
    }

    @Test
    void unsupportedVersionsAreRejected() {
        assertCorrupted(BlockEncoder.encodeManifest(BlockCodec.METADATA_BLOCK_KIND, 1, content(0)))
                .hasMessageContaining("unsupported manifest version 1, expected 2..3");
        assertCorrupted(BlockEncoder.encodeManifest(BlockCodec.METADATA_BLOCK_KIND, 4, content(0)))
                .hasMessageContaining("unsupported manifest version 4");
    }

    @Test
    void missingContentIsNamed() {
        final FlatBufferBuilder m = new FlatBufferBuilder();
        m.startTable(3);
        m.addLong(0, BlockCodec.METADATA_BLOCK_KIND, 0L);
        m.addInt(1, 3, 0);
        m.finish(m.endTable());
        assertCorrupted(m.sizedByteArray()).hasMessageContaining("Manifest.content is required but absent");
    }

    @Test
    void emptyAndTinyInputsAreRejected() {
        assertCorrupted(new byte[0]).hasMessageContaining("at least 8 bytes, found 0");
        assertCorrupted(new byte[] {1, 2, 3}).hasMessageContaining("found 3");
    }

    @Test
    void everyTruncationOfAGoldenBlockIsRejected() {
        final byte[] golden = BlockCodecGoldenTest.golden(9, 3);
        for (int length = 0; length < golden.length; length++) {
            final byte[] truncated = Arrays.copyOf(golden, length);
            assertThatThrownBy(() -> BlockCodec.decode(truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOfSatisfying(WeftException.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
        }
    }

    @Test
    void unknownEventTagIsNamed() {
        assertCorrupted(BlockEncoder.encodeManifest(BlockCodec.METADATA_BLOCK_KIND, 3, content(14)))
                .hasMessageContaining("MetadataBlock.event has unknown MetadataEvent tag 14, expected 1..13");
    }

    @Test
    void unknownNestedDataTypeTagIsNamedWithItsPath() {
        final FlatBufferBuilder b = new FlatBufferBuilder();
        final int name = b.createString("a");
        b.startTable(0);
        final int type = b.endTable();
        b.startTable(4);
        b.addOffset(0, name, 0);
        b.addByte(1, (byte) 25, 0);
        b.addOffset(2, type, 0);
        final int field = b.endTable();
        final int fields = b.createVectorOfTables(new int[] {field});
        b.startTable(2);
        b.addOffset(0, fields, 0);
        final int schema = b.endTable();
        b.startTable(2);
        b.addOffset(1, schema, 0);
        final int event = b.endTable();

        assertCorrupted(manifest(finishBlock(b, 0, 10, event))).hasMessageContaining(
                "MetadataBlock.event.schema.fields[0].type has unknown DataType tag 25, expected 1..24");
    }

    @Test
    void unknownEnumValueIsNamed() {
        final FlatBufferBuilder b = new FlatBufferBuilder();
        final byte[] did = new byte[34];
        did[0] = (byte) 0xed;
        did[1] = 0x01;
        final int id = b.createByteVector(did);
        b.startTable(2);
        b.addOffset(0, id, 0);
        b.addInt(1, 7, 0);
        final int event = b.endTable();

        assertCorrupted(manifest(finishBlock(b, 0, 3, event)))
                .hasMessageContaining("MetadataBlock.event.dataset_kind has unknown value 7, expected 0..1");
    }

    @Test
    void missingEventIsNamed() {
        assertCorrupted(manifest(rawBlock(null, 0))).hasMessageContaining("MetadataBlock.event is required but absent");
    }

    @Test
    void invalidMultihashIsNamed() {
        assertCorrupted(manifest(rawBlock(new byte[] {0x16, 0x20, 1, 2}, 13)))
                .hasMessageContaining("MetadataBlock.prev_block_hash is not a valid multihash");
    }

    @Test
    void handBuiltBlockIsAcceptedSoTheOtherCasesFailForTheirOwnReason() {
        org.assertj.core.api.Assertions.assertThat(BlockCodec.decode(manifest(rawBlock(null, 13))).block())
                .isEqualTo(new MetadataBlock(NOON, null, 0, new DisablePollingSource()));
    }

    @Property(tries = 500)
    void garbageNeverEscapesAsAnotherException(@ForAll @Size(max = 200) byte[] garbage) {
        try {
            BlockCodec.decode(garbage);
        } catch (WeftException e) {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED);
        }
    }

    @Property(tries = 500)
    void flippedBytesOfAGoldenBlockFailOnlyAsCorrupted(@ForAll @Size(min = 1, max = 4) int[] positions) {
        final byte[] bytes = BlockCodecGoldenTest.golden(10, 3);
        for (int p : positions) {
            final int at = Math.floorMod(p, bytes.length);
            bytes[at] = (byte) ~bytes[at];
        }
        try {
            BlockCodec.decode(bytes);
        } catch (WeftException e) {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED);
        }
    }

    private static byte[] content(int eventTag) {
        return eventTag == 0
                ? BlockEncoder.encodeBlock(new MetadataBlock(NOON, null, 0, new DisablePollingSource()), 3)
                : rawBlock(null, eventTag);
    }

    private static byte[] manifest(byte[] content) {
        return BlockEncoder.encodeManifest(BlockCodec.METADATA_BLOCK_KIND, 3, content);
    }

    /** A MetadataBlock at 2020-01-01T12:00:00Z whose event is an empty table tagged {@code eventTag} (0: none). */
    private static byte[] rawBlock(byte[] prevHash, int eventTag) {
        final FlatBufferBuilder b = new FlatBufferBuilder();
        final int hash = prevHash == null ? 0 : b.createByteVector(prevHash);
        int event = 0;
        if (eventTag != 0) {
            b.startTable(0);
            event = b.endTable();
        }
        return finishBlock(b, hash, eventTag, event);
    }

    /** Finishes a MetadataBlock at 2020-01-01T12:00:00Z with sequence number 0 and the given hash and event. */
    private static byte[] finishBlock(FlatBufferBuilder b, int prevHash, int eventTag, int event) {
        b.startTable(5);
        b.prep(4, 16);
        b.putInt(0);
        b.putInt(12 * 3600);
        b.pad(2);
        b.putShort((short) 1);
        b.putInt(2020);
        b.addStruct(0, b.offset(), 0);
        b.addOffset(1, prevHash, 0);
        b.addByte(3, (byte) eventTag, 0);
        b.addOffset(4, event, 0);
        b.finish(b.endTable());
        return b.sizedByteArray();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCorrupted(byte[] bytes) {
        return assertThatThrownBy(() -> BlockCodec.decode(bytes))
                .isInstanceOfSatisfying(WeftException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED))
                .hasMessageContaining("Corrupted metadata block");
    }
}
