package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetKeyPair;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.Checkpoint;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.store.CommitFile;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.LocalStagedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainValidatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private LocalDatasetStore store;
    /** Hashes of the blocks committed by {@link #commit}, oldest first. */
    private final List<Multihash> hashes = new ArrayList<>();

    @BeforeEach
    void open() {
        LocalDatasetStore.createLayout(dir);
        store = LocalDatasetStore.open(dir, "checked");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void emptyDatasetIsValid() {
        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.isValid()).isTrue();
        assertThat(report.blocksChecked()).isZero();
        assertThat(report.head()).isEmpty();
    }

    @Test
    void chainWrittenByTheRulesIsValid() {
        final ChainWriter writer = new ChainWriter(store, new Random(3));
        for (int i = 0; i < 30; i++) {
            writer.appendNext("block " + i);
        }
        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.violations()).isEmpty();
        assertThat(report.blocksChecked()).isEqualTo(30);
        assertThat(report.dataset()).isEqualTo("checked");
    }

    @Test
    void seedMustComeFirstAndOnlyFirst() {
        commit(T0, new SetInfo("not a seed", null));
        commit(T0, seedEvent());
        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.violationsOf(ChainRule.SEED_FIRST))
                .extracting(Violation::blockHash, Violation::sequenceNumber)
                .containsExactly(
                        tuple(hashes.get(0), OptionalLong.of(0)),
                        tuple(hashes.get(1), OptionalLong.of(1)));
    }

    @Test
    void sequenceNumbersMustCountUpFromZero() {
        commitRaw(new MetadataBlock(T0, null, 1, seedEvent()), List.of());
        commitRaw(new MetadataBlock(T0, last(), 3, new SetInfo(null, null)), List.of());
        final List<Violation> violations = new ChainValidator(store).validate().violationsOf(ChainRule.SEQUENCE_NUMBER);
        assertThat(violations).hasSize(2);
        assertThat(violations.get(0).message()).contains("expected 0");
        assertThat(violations.get(1).message()).contains("sequence number 3 follows 1, expected 2");
    }

    @Test
    void systemTimeMustNotDecrease() {
        commit(T0, seedEvent());
        commit(T0.minusSeconds(1), new SetInfo(null, null));
        commit(T0.minusSeconds(1), new SetInfo("same time is fine", null));
        final List<Violation> violations = new ChainValidator(store).validate().violationsOf(ChainRule.SYSTEM_TIME);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.blockHash()).isEqualTo(hashes.get(1));
            assertThat(v.sequenceNumber()).hasValue(1);
        });
    }

    @Test
    void watermarksMustNotDecrease() {
        commit(T0, seedEvent());
        commit(T0, addData(null, null, T0.plusSeconds(10)));
        commit(T0, addData(null, null, null));
        commit(T0, addData(null, null, T0.plusSeconds(5)));
        final List<Violation> violations = new ChainValidator(store).validate().violationsOf(ChainRule.WATERMARK);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.sequenceNumber()).hasValue(3);
            assertThat(v.message()).contains("2026-01-01T00:00:05Z", "2026-01-01T00:00:10Z");
        });
    }

    @Test
    void offsetsMustBeContiguousAcrossTheChain() throws IOException {
        commit(T0, seedEvent());
        commitWithData(null, 0, 9);
        commitWithData(9L, 10, 19);
        commitWithData(19L, 25, 30);
        commitWithData(30L, 31, 29);
        commit(T0, addData(7L, null, null));
        final List<Violation> violations = new ChainValidator(store).validate().violationsOf(ChainRule.OFFSETS);
        assertThat(violations).extracting(v -> v.sequenceNumber().getAsLong()).containsExactly(3L, 4L, 5L);
        assertThat(violations.get(0).message()).contains("starts at offset 25, expected 20");
        assertThat(violations.get(1).message()).contains("ends at offset 29 before its start 31");
        assertThat(violations.get(2).message()).contains("prevOffset is 7", "ends at 29");
    }

    @Test
    void firstDataSliceMustStartAtZeroWithoutPrevOffset() throws IOException {
        commit(T0, seedEvent());
        commitWithData(4L, 5, 9);
        assertThat(new ChainValidator(store).validate().violationsOf(ChainRule.OFFSETS))
                .extracting(Violation::message)
                .containsExactly("prevOffset is 4 but the previous data slice ends at absent",
                        "new data starts at offset 5, expected 0");
    }

    @Test
    void dataFilesMustExistWithTheRecordedSizeAndHash() throws IOException {
        commit(T0, seedEvent());
        final Multihash good = commitWithData(null, 0, 0);
        final Multihash resized = commitWithData(0L, 1, 1);
        final Multihash tampered = commitWithData(1L, 2, 2);
        final Multihash missing = commitWithData(2L, 3, 3);
        Files.write(store.path(FileKind.DATA, resized), bytes("longer than it was"));
        final byte[] original = Files.readAllBytes(store.path(FileKind.DATA, tampered));
        original[0] ^= 1;
        Files.write(store.path(FileKind.DATA, tampered), original);
        Files.delete(store.path(FileKind.DATA, missing));

        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.violationsOf(ChainRule.DATA_FILE)).extracting(Violation::message).containsExactly(
                "data file " + resized.toMultibase() + " has 18 bytes, the block records 11",
                "data file " + resized.toMultibase() + " hashes to "
                        + Multihash.sha3(bytes("longer than it was")).toMultibase(),
                "data file " + tampered.toMultibase() + " hashes to " + Multihash.sha3(original).toMultibase(),
                "data file " + missing.toMultibase() + " is missing");
        assertThat(report.violations()).noneMatch(v -> v.message().contains(good.toMultibase()));
        assertThat(new ChainValidator(store, false).validate().violationsOf(ChainRule.DATA_FILE))
                .as("without hashing files only presence and size are checked").hasSize(2);
    }

    @Test
    void checkpointsMustExist() {
        commit(T0, seedEvent());
        final Multihash absent = Multihash.sha3(bytes("checkpoint"));
        commit(T0, new AddData(null, null, null, new Checkpoint(absent, 10), null, null, null));
        assertThat(new ChainValidator(store).validate().violationsOf(ChainRule.CHECKPOINT_FILE))
                .singleElement().satisfies(v -> assertThat(v.message()).contains(absent.toMultibase(), "missing"));
    }

    @Test
    void blockFileWhoseBytesDoNotHashToItsNameIsReported() throws IOException {
        commit(T0, seedEvent());
        commit(T0, new SetInfo("original", null));
        final Path file = store.blockPath(hashes.get(1));
        Files.write(file, BlockCodec.encode(new MetadataBlock(T0, hashes.get(0), 1, new SetInfo("forged", null))));
        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ChainRule.BLOCK_HASH);
            assertThat(v.blockHash()).isEqualTo(hashes.get(1));
            assertThat(v.sequenceNumber()).hasValue(1);
        });
    }

    @Test
    void missingAndUndecodableBlocksEndTheWalkWithAViolation() throws IOException {
        commit(T0, seedEvent());
        commit(T0, new SetInfo("a", null));
        commit(T0, new SetInfo("b", null));
        Files.delete(store.blockPath(hashes.get(1)));
        final ValidationReport missing = new ChainValidator(store).validate();
        assertThat(missing.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ChainRule.BLOCK_PRESENT);
            assertThat(v.blockHash()).isEqualTo(hashes.get(1));
            assertThat(v.sequenceNumber()).hasValue(1);
        });
        assertThat(missing.blocksChecked()).isEqualTo(1);

        Files.write(store.blockPath(hashes.get(2)), bytes("garbage"));
        assertThat(new ChainValidator(store).validate().violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo(ChainRule.BLOCK_DECODES));
    }

    @Test
    void everyViolationIsReportedInOnePass() throws IOException {
        commit(T0, seedEvent());
        commit(T0.minusSeconds(60), addData(null, null, T0));
        commit(T0, seedEvent());
        commitWithData(3L, 7, 8);
        final ValidationReport report = new ChainValidator(store).validate();
        assertThat(report.isValid()).isFalse();
        assertThat(report.violations()).extracting(Violation::rule)
                .contains(ChainRule.SYSTEM_TIME, ChainRule.SEED_FIRST, ChainRule.OFFSETS);
        assertThat(report.violations()).allSatisfy(v -> assertThat(v.toString()).contains(v.blockHash().toMultibase()));
    }

    @Test
    void validatingAnOlderHeadChecksOnlyThePrefix() {
        commit(T0, seedEvent());
        commit(T0, new SetInfo(null, null));
        final Multihash goodHead = last();
        commit(T0.minusSeconds(1), new SetInfo(null, null));
        assertThat(new ChainValidator(store).validate().isValid()).isFalse();
        final ValidationReport prefix = new ChainValidator(store).validate(Optional.of(goodHead));
        assertThat(prefix.isValid()).isTrue();
        assertThat(prefix.blocksChecked()).isEqualTo(2);
    }

    private static Seed seedEvent() {
        return new Seed(DatasetKeyPair.generate().id(), DatasetKind.ROOT);
    }

    private static AddData addData(Long prevOffset, DataSlice data, Instant watermark) {
        return new AddData(null, prevOffset, data, null, watermark, null, null);
    }

    /** Commits an AddData with an 11-byte data file covering {@code [start, end]}; returns the file's hash. */
    private Multihash commitWithData(Long prevOffset, long start, long end) throws IOException {
        final byte[] content = bytes(String.format("slice %5d", start));
        final Multihash physical = Multihash.sha3(content);
        final DataSlice slice = new DataSlice(Multihash.of(Multihash.ARROW0_SHA3_256, new byte[32]), physical,
                new OffsetInterval(start, end), content.length);
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            Files.write(staged.path(), content);
            commitRaw(new MetadataBlock(T0, hashes.isEmpty() ? null : last(), hashes.size(),
                    addData(prevOffset, slice, null)), List.of(new CommitFile(staged, physical)));
        }
        return physical;
    }

    private void commit(Instant time, MetadataEvent event) {
        commitRaw(new MetadataBlock(time, hashes.isEmpty() ? null : last(), hashes.size(), event), List.of());
    }

    /** Commits through the store, bypassing the chain's own checks, to build broken chains. */
    private void commitRaw(MetadataBlock block, List<CommitFile> files) {
        hashes.add(store.commit(Optional.ofNullable(block.prevBlockHash()), BlockCodec.encode(block), files));
    }

    private Multihash last() {
        return hashes.get(hashes.size() - 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
