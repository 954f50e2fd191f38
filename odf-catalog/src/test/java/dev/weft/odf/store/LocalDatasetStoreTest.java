package dev.weft.odf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatasetStoreTest {
    @TempDir
    Path dir;

    private LocalDatasetStore store;

    @BeforeEach
    void openStore() {
        LocalDatasetStore.createLayout(dir);
        store = LocalDatasetStore.open(dir, "prices");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void newDatasetHasNoHead() {
        assertThat(store.head()).isEmpty();
        assertThat(store.name()).isEqualTo("prices");
    }

    @Test
    void firstCommitWithEmptyExpectedHeadMovesHeadToTheBlock() {
        final byte[] block = bytes("first");
        final Multihash hash = store.commit(Optional.empty(), block);
        assertThat(hash).isEqualTo(Multihash.sha3(block));
        assertThat(store.head()).contains(hash);
        assertThat(store.readBlock(hash)).isEqualTo(block);
        assertThat(store.containsBlock(hash)).isTrue();
    }

    @Test
    void headFileHoldsTheMultibaseHashWithoutTrailingNewline() throws IOException {
        final Multihash hash = store.commit(Optional.empty(), bytes("first"));
        assertThat(Files.readString(dir.resolve("refs/head"), StandardCharsets.US_ASCII))
                .isEqualTo(hash.toMultibase())
                .startsWith("f1620")
                .doesNotEndWith("\n");
    }

    @Test
    void blockFileIsNamedBySha3OfItsBytes() throws IOException {
        final byte[] block = bytes("a block");
        final Multihash hash = store.commit(Optional.empty(), block);
        final Path file = dir.resolve("blocks").resolve(hash.toMultibase());
        assertThat(Multihash.sha3(file)).isEqualTo(hash);
        try (Stream<Path> blocks = Files.list(dir.resolve("blocks"))) {
            assertThat(blocks).containsExactly(file);
        }
    }

    @Test
    void commitOnStaleHeadThrowsConflictNamingDatasetAndBothHashes() {
        final Multihash first = store.commit(Optional.empty(), bytes("1"));
        final Multihash second = store.commit(Optional.of(first), bytes("2"));

        assertThatThrownBy(() -> store.commit(Optional.of(first), bytes("3")))
                .isInstanceOfSatisfying(CommitConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_CONFLICT);
                    assertThat(e.dataset()).isEqualTo("prices");
                    assertThat(e.expectedHead()).contains(first);
                    assertThat(e.actualHead()).contains(second);
                    assertThat(e.getMessage())
                            .contains("'prices'", first.toMultibase(), second.toMultibase());
                });
        assertThat(store.head()).contains(second);
    }

    @Test
    void firstCommitConflictsWhenAnotherWriterCommittedFirst() {
        final Multihash other = store.commit(Optional.empty(), bytes("other"));
        assertThatThrownBy(() -> store.commit(Optional.empty(), bytes("mine")))
                .isInstanceOfSatisfying(CommitConflictException.class, e -> {
                    assertThat(e.expectedHead()).isEmpty();
                    assertThat(e.actualHead()).contains(other);
                    assertThat(e.getMessage()).contains("(none: empty dataset)", other.toMultibase());
                });
    }

    @Test
    void stagedDataIsPublishedUnderItsContentHash() throws IOException {
        final byte[] content = bytes("row 1\nrow 2\n");
        final Multihash dataHash = Multihash.sha3(content);
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(content);
            }
            store.commit(Optional.empty(), bytes("block with data"), List.of(new CommitFile(staged, dataHash)));
            assertThat(staged.isCommitted()).isTrue();
        }
        final Path published = dir.resolve("data").resolve(dataHash.toMultibase());
        assertThat(published).hasBinaryContent(content);
        assertThat(store.path(FileKind.DATA, dataHash)).isEqualTo(published);
        assertThat(store.contains(FileKind.DATA, dataHash)).isTrue();
        assertThat(store.size(FileKind.DATA, dataHash)).hasValue(content.length);
        try (InputStream in = store.open(FileKind.DATA, dataHash)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void checkpointWrittenThroughItsPathIsHashedAtCommit() throws IOException {
        final byte[] content = bytes("engine state");
        final Multihash hash = Multihash.sha3(content);
        try (LocalStagedFile staged = store.stage(FileKind.CHECKPOINT)) {
            Files.write(staged.path(), content);
            store.commit(Optional.empty(), bytes("block"), List.of(new CommitFile(staged, hash)));
        }
        assertThat(dir.resolve("checkpoints").resolve(hash.toMultibase())).hasBinaryContent(content);
        try (SeekableByteChannel channel = store.openChannel(FileKind.CHECKPOINT, hash)) {
            final ByteBuffer buffer = ByteBuffer.allocate(5);
            channel.position(7);
            channel.read(buffer);
            assertThat(new String(buffer.array(), StandardCharsets.UTF_8)).isEqualTo("state");
        }
    }

    @Test
    void aFileRewrittenThroughItsPathAfterItWasHashedIsHashedAgain() throws IOException {
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            Files.write(staged.path(), bytes("first"));
            assertThat(staged.contentHash()).isEqualTo(Multihash.sha3(bytes("first")));
            Files.write(staged.path(), bytes("second, longer"));
            assertThat(staged.contentHash()).isEqualTo(Multihash.sha3(bytes("second, longer")));
            assertThatThrownBy(() -> store.commit(Optional.empty(), bytes("block"),
                    List.of(new CommitFile(staged, Multihash.sha3(bytes("first"))))))
                    .isInstanceOf(WeftException.class).hasMessageContaining("content hashes to");
        }
    }

    @Test
    void dataWhoseHashDiffersFromTheClaimIsRejectedAndNothingIsPublished() throws IOException {
        final Multihash claimed = Multihash.sha3(bytes("what the block says"));
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(bytes("what was written"));
            }
            assertThatThrownBy(() -> store.commit(Optional.empty(), bytes("block"),
                    List.of(new CommitFile(staged, claimed))))
                    .isInstanceOfSatisfying(WeftException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("'prices'", claimed.toMultibase(),
                                Multihash.sha3(bytes("what was written")).toMultibase());
                    });
            assertThat(staged.isCommitted()).isFalse();
        }
        assertThat(store.head()).isEmpty();
        assertThat(dir.resolve("data")).isEmptyDirectory();
        assertThat(dir.resolve("blocks")).isEmptyDirectory();
    }

    @Test
    void retryAfterConflictReusesTheAlreadyPublishedStagedFile() throws IOException {
        final Multihash first = store.commit(Optional.empty(), bytes("1"));
        final byte[] content = bytes("slice");
        final Multihash dataHash = Multihash.sha3(content);
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(content);
            }
            final Multihash other = store.commit(Optional.of(first), bytes("other writer"));
            final List<CommitFile> files = List.of(new CommitFile(staged, dataHash));
            // The head moved between the early check and publishing: simulate by racing with a stale expectation.
            assertThatThrownBy(() -> store.commit(Optional.of(first), bytes("2 on 1"), files))
                    .isInstanceOf(CommitConflictException.class);
            final Multihash mine = store.commit(Optional.of(other), bytes("2 on other"), files);
            assertThat(store.head()).contains(mine);
        }
        assertThat(store.contains(FileKind.DATA, dataHash)).isTrue();
    }

    @Test
    void closingAnUncommittedStagedFileDeletesIt() throws IOException {
        final Path path;
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            path = staged.path();
            Files.write(path, bytes("abandoned"));
            assertThat(path).exists();
        }
        assertThat(path).doesNotExist();
        assertThat(dir.resolve("data")).isEmptyDirectory();
    }

    @Test
    void readingAMissingBlockFailsWithNotFoundNamingDatasetAndHash() {
        final Multihash missing = Multihash.sha3(bytes("nope"));
        assertThatThrownBy(() -> store.readBlock(missing))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'prices'", missing.toMultibase());
                });
        assertThat(store.containsBlock(missing)).isFalse();
    }

    @Test
    void openingAMissingDataFileFailsWithNotFound() {
        final Multihash missing = Multihash.sha3(bytes("nope"));
        assertThatThrownBy(() -> store.open(FileKind.DATA, missing))
                .isInstanceOfSatisfying(WeftException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'prices'", "data", missing.toMultibase());
                });
        assertThat(store.size(FileKind.DATA, missing)).isEmpty();
    }

    @Test
    void unreadableHeadIsReportedAsCorrupted() throws IOException {
        Files.writeString(dir.resolve("refs/head"), "not a hash");
        assertThatThrownBy(() -> store.head())
                .isInstanceOfSatisfying(WeftException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
    }

    @Test
    void headWrittenWithTrailingNewlineByAnotherToolStillReads() throws IOException {
        final Multihash hash = store.commit(Optional.empty(), bytes("1"));
        Files.writeString(dir.resolve("refs/head"), hash.toMultibase() + "\n");
        assertThat(store.head()).contains(hash);
    }

    @Test
    void stagedFileFromAnotherStoreIsRefused() throws IOException {
        final Path otherDir = Files.createDirectory(dir.resolve("other"));
        try (LocalDatasetStore other = LocalDatasetStore.open(otherDir);
                LocalStagedFile foreign = other.stage(FileKind.DATA)) {
            assertThatThrownBy(() -> store.commit(Optional.empty(), bytes("b"),
                    List.of(new CommitFile(foreign, Multihash.sha3(new byte[0])))))
                    .isInstanceOfSatisfying(WeftException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void openingRemovesStagingSessionsWhoseOwnerIsGone() throws IOException {
        final Path staging = Files.createDirectories(dir.resolve(LocalDatasetStore.STAGING_DIR));
        final Path deadLock = Files.createFile(staging.resolve("dead.lock"));
        final Path deadDir = Files.createDirectories(staging.resolve("dead"));
        Files.write(deadDir.resolve("data-1.tmp"), bytes("half written"));
        final Path orphanDir = Files.createDirectories(staging.resolve("no-lock"));

        LocalDatasetStore.open(dir).close();

        assertThat(deadLock).doesNotExist();
        assertThat(deadDir).doesNotExist();
        assertThat(orphanDir).doesNotExist();
    }

    @Test
    void openingKeepsTheLiveStagingSessionOfAnotherStoreInThisJvm() throws IOException {
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            Files.write(staged.path(), bytes("still mine"));
            LocalDatasetStore.open(dir).close();
            assertThat(staged.path()).hasBinaryContent(bytes("still mine"));
        }
    }

    @Test
    void closingTheStoreRemovesItsStagingSession() throws IOException {
        final LocalStagedFile staged = store.stage(FileKind.DATA);
        Files.write(staged.path(), bytes("x"));
        store.close();
        assertThat(dir.resolve(LocalDatasetStore.STAGING_DIR)).isEmptyDirectory();
        assertThatThrownBy(() -> store.stage(FileKind.DATA)).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
