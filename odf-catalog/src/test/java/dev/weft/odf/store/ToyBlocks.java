package dev.weft.odf.store;

import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A toy block format for store tests that need no ODF model: text lines naming the previous block, a sequence number,
 * the writer, and an optional data file hash.
 */
final class ToyBlocks {
    private static final String NONE = "-";

    private ToyBlocks() {}

    /** The content of one toy block. */
    record Toy(Optional<Multihash> prev, long seq, String writer, Optional<Multihash> data) {}

    static byte[] encode(Toy toy) {
        final String text = "toy-block\n"
                + "prev=" + toy.prev().map(Multihash::toMultibase).orElse(NONE) + "\n"
                + "seq=" + toy.seq() + "\n"
                + "writer=" + toy.writer() + "\n"
                + "data=" + toy.data().map(Multihash::toMultibase).orElse(NONE);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Toy decode(byte[] bytes) {
        final String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length != 5 || !lines[0].equals("toy-block")) {
            throw new IllegalArgumentException("not a toy block: " + new String(bytes, StandardCharsets.UTF_8));
        }
        return new Toy(hash(value(lines[1], "prev")), Long.parseLong(value(lines[2], "seq")),
                value(lines[3], "writer"), hash(value(lines[4], "data")));
    }

    /** The next block on top of the current head of {@code store}. */
    static Toy next(DatasetStore store, Optional<Multihash> head, String writer, Optional<Multihash> data) {
        final long seq = head.map(h -> decode(store.readBlock(h)).seq() + 1).orElse(0L);
        return new Toy(head, seq, writer, data);
    }

    /**
     * Walks the chain from head to the first block, checking that every block exists and hashes to its name, that
     * sequence numbers count down to 0 where the prev link ends, and that referenced data files exist and hash to
     * their names; returns the block hashes newest first.
     *
     * @throws AssertionError describing the first violation
     */
    static List<Multihash> verifiedChain(DatasetStore store) {
        final List<Multihash> chain = new ArrayList<>();
        final Set<Multihash> seen = new HashSet<>();
        Optional<Multihash> cursor = store.head();
        long expectedSeq = -1;
        while (cursor.isPresent()) {
            final Multihash hash = cursor.get();
            if (!seen.add(hash)) {
                throw new AssertionError("cycle at block " + hash);
            }
            if (!store.containsBlock(hash)) {
                throw new AssertionError("block " + hash + " is referenced but missing");
            }
            final byte[] bytes = store.readBlock(hash);
            if (!Multihash.sha3(bytes).equals(hash)) {
                throw new AssertionError("block file " + hash + " hashes to " + Multihash.sha3(bytes));
            }
            final Toy toy = decode(bytes);
            if (expectedSeq >= 0 && toy.seq() != expectedSeq) {
                throw new AssertionError("block " + hash + " has seq " + toy.seq() + ", expected " + expectedSeq);
            }
            if (toy.data().isPresent()) {
                checkData(store, hash, toy.data().get());
            }
            chain.add(hash);
            expectedSeq = toy.seq() - 1;
            cursor = toy.prev();
        }
        if (expectedSeq != -1) {
            throw new AssertionError("chain ends at a block with seq " + (expectedSeq + 1) + " instead of 0");
        }
        return chain;
    }

    private static void checkData(DatasetStore store, Multihash block, Multihash data) {
        try (InputStream in = store.open(FileKind.DATA, data)) {
            final Multihash actual = Multihash.sha3(in);
            if (!actual.equals(data)) {
                throw new AssertionError("data file " + data + " of block " + block + " hashes to " + actual);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + "=")) {
            throw new IllegalArgumentException("expected " + key + "= but got " + line);
        }
        return line.substring(key.length() + 1);
    }

    private static Optional<Multihash> hash(String text) {
        return text.equals(NONE) ? Optional.empty() : Optional.of(Multihash.parse(text));
    }
}
