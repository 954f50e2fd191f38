package dev.weft.odf.chain;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.Checkpoint;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.Seed;
import dev.weft.odf.store.DatasetStore;
import dev.weft.odf.store.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks a dataset's metadata chain and files against the ODF rules in {@link ChainRule} and reports every violation
 * instead of stopping at the first. It reads blocks straight from the store (not through a cache) so that it judges
 * the bytes on disk. Cost: one pass over the chain, plus reading every data and checkpoint file when hashing files.
 * Thread-safe; each call is independent.
 */
public final class ChainValidator {
    private final DatasetStore store;
    private final boolean hashFiles;

    /** A validator that also hashes every data and checkpoint file. */
    public ChainValidator(DatasetStore store) {
        this(store, true);
    }

    /**
     * @param hashFiles whether to read and hash data and checkpoint files; when false only their presence and size
     *     are checked
     */
    public ChainValidator(DatasetStore store, boolean hashFiles) {
        this.store = Objects.requireNonNull(store, "store");
        this.hashFiles = hashFiles;
    }

    /** Validates the chain from the current head. */
    public ValidationReport validate() {
        return validate(store.head());
    }

    /** Validates the chain as of {@code head} (empty: an empty dataset, which is valid). */
    public ValidationReport validate(Optional<Multihash> head) {
        Objects.requireNonNull(head, "head");
        final List<Violation> violations = new ArrayList<>();
        final List<ChainBlock> newestFirst = new ArrayList<>();
        final boolean complete = head.isEmpty() || walk(head.get(), newestFirst, violations);
        final List<ChainBlock> chain = new ArrayList<>(newestFirst);
        Collections.reverse(chain);
        new ForwardChecks(complete, violations).run(chain);
        return new ValidationReport(store.name(), head, newestFirst.size(), violations);
    }

    /** Follows prev links from {@code head}; returns whether it reached a block without a predecessor. */
    private boolean walk(Multihash head, List<ChainBlock> newestFirst, List<Violation> violations) {
        final Set<Multihash> seen = new HashSet<>();
        Multihash cursor = head;
        OptionalLong expectedSequence = OptionalLong.empty();
        while (cursor != null) {
            if (!seen.add(cursor)) {
                violations.add(new Violation(cursor, expectedSequence, ChainRule.NO_CYCLE,
                        "the chain leads back to this block"));
                return false;
            }
            if (!store.containsBlock(cursor)) {
                violations.add(new Violation(cursor, expectedSequence, ChainRule.BLOCK_PRESENT,
                        newestFirst.isEmpty() ? "the head refers to a missing block"
                                : "block " + last(newestFirst).hash().toMultibase() + " refers to a missing block"));
                return false;
            }
            final byte[] bytes = store.readBlock(cursor);
            final MetadataBlock block;
            try {
                block = BlockCodec.decode(bytes).block();
            } catch (RuntimeException e) {
                violations.add(new Violation(cursor, expectedSequence, ChainRule.BLOCK_DECODES,
                        "cannot decode the block: " + e.getMessage()));
                return false;
            }
            final Multihash actual = Multihash.sha3(bytes);
            if (!actual.equals(cursor)) {
                violations.add(new Violation(cursor, OptionalLong.of(block.sequenceNumber()), ChainRule.BLOCK_HASH,
                        "the stored bytes hash to " + actual.toMultibase()));
            }
            newestFirst.add(new ChainBlock(cursor, block));
            expectedSequence = block.sequenceNumber() > 0
                    ? OptionalLong.of(block.sequenceNumber() - 1) : OptionalLong.empty();
            cursor = block.prevBlockHash();
        }
        return true;
    }

    private static ChainBlock last(List<ChainBlock> blocks) {
        return blocks.get(blocks.size() - 1);
    }

    /** The rules that need the blocks oldest first, with the running state of offsets, watermarks and time. */
    private final class ForwardChecks {
        private final boolean complete;
        private final List<Violation> violations;
        /** Whether {@link #lastEnd} is known: from the Seed on, or once a partial chain shows a data event. */
        private boolean offsetsKnown;
        private Long lastEnd;
        private Instant lastWatermark;

        ForwardChecks(boolean complete, List<Violation> violations) {
            this.complete = complete;
            this.violations = violations;
            this.offsetsKnown = complete;
        }

        void run(List<ChainBlock> chain) {
            ChainBlock previous = null;
            for (ChainBlock current : chain) {
                checkLinks(previous, current);
                // Java 17 has no pattern switch without preview, and only these two events carry data.
                if (current.block().event() instanceof AddData add) {
                    checkData(current, add.prevOffset(), add.newData(), add.newCheckpoint(), add.newWatermark());
                } else if (current.block().event() instanceof ExecuteTransform transform) {
                    checkData(current, transform.prevOffset(), transform.newData(), transform.newCheckpoint(),
                            transform.newWatermark());
                }
                previous = current;
            }
        }

        private void checkLinks(ChainBlock previous, ChainBlock current) {
            final MetadataBlock block = current.block();
            final boolean isSeed = block.event() instanceof Seed;
            if (previous == null) {
                if (complete && block.sequenceNumber() != 0) {
                    add(current, ChainRule.SEQUENCE_NUMBER,
                            "the first block has sequence number " + block.sequenceNumber() + ", expected 0");
                }
                if (complete && !isSeed) {
                    add(current, ChainRule.SEED_FIRST, "the first block is " + block.event().kind() + ", not Seed");
                }
                return;
            }
            if (isSeed) {
                add(current, ChainRule.SEED_FIRST, "a Seed may only be the first block");
            }
            final long expected = previous.sequenceNumber() + 1;
            if (block.sequenceNumber() != expected) {
                add(current, ChainRule.SEQUENCE_NUMBER, "sequence number " + block.sequenceNumber()
                        + " follows " + previous.sequenceNumber() + ", expected " + expected);
            }
            if (block.systemTime().isBefore(previous.block().systemTime())) {
                add(current, ChainRule.SYSTEM_TIME, "system time " + block.systemTime()
                        + " is before the previous block's " + previous.block().systemTime());
            }
        }

        private void checkData(ChainBlock current, Long prevOffset, DataSlice newData, Checkpoint newCheckpoint,
                Instant newWatermark) {
            if (offsetsKnown && !Objects.equals(prevOffset, lastEnd)) {
                add(current, ChainRule.OFFSETS, "prevOffset is " + describe(prevOffset)
                        + " but the previous data slice ends at " + describe(lastEnd));
            }
            final Long base = offsetsKnown ? lastEnd : prevOffset;
            if (newData != null) {
                final long expectedStart = base == null ? 0 : base + 1;
                final long start = newData.offsetInterval().start();
                final long end = newData.offsetInterval().end();
                if (start != expectedStart) {
                    add(current, ChainRule.OFFSETS,
                            "new data starts at offset " + start + ", expected " + expectedStart);
                }
                if (end < start) {
                    add(current, ChainRule.OFFSETS, "new data ends at offset " + end + " before its start " + start);
                }
                lastEnd = end;
                checkFile(current, FileKind.DATA, newData.physicalHash(), newData.size(), ChainRule.DATA_FILE);
            } else {
                lastEnd = base;
            }
            offsetsKnown = true;
            if (newCheckpoint != null) {
                checkFile(current, FileKind.CHECKPOINT, newCheckpoint.physicalHash(), newCheckpoint.size(),
                        ChainRule.CHECKPOINT_FILE);
            }
            if (newWatermark != null) {
                if (lastWatermark != null && newWatermark.isBefore(lastWatermark)) {
                    add(current, ChainRule.WATERMARK,
                            "watermark " + newWatermark + " is before the previous watermark " + lastWatermark);
                }
                lastWatermark = newWatermark;
            }
        }

        private void checkFile(ChainBlock current, FileKind kind, Multihash hash, long size, ChainRule rule) {
            final String what = (kind == FileKind.DATA ? "data file " : "checkpoint ") + hash.toMultibase();
            try {
                final OptionalLong stored = store.size(kind, hash);
                if (stored.isEmpty()) {
                    add(current, rule, what + " is missing");
                    return;
                }
                if (stored.getAsLong() != size) {
                    add(current, rule, what + " has " + stored.getAsLong() + " bytes, the block records " + size);
                }
                if (hashFiles) {
                    final Multihash actual;
                    try (InputStream in = store.open(kind, hash)) {
                        actual = Multihash.sha3(in);
                    }
                    if (!actual.equals(hash)) {
                        add(current, rule, what + " hashes to " + actual.toMultibase());
                    }
                }
            } catch (IOException | WeftException e) {
                add(current, rule, what + " cannot be read: " + e.getMessage());
            }
        }

        private void add(ChainBlock block, ChainRule rule, String message) {
            violations.add(new Violation(block.hash(), OptionalLong.of(block.sequenceNumber()), rule, message));
        }

        private static String describe(Long offset) {
            return offset == null ? "absent" : offset.toString();
        }
    }
}
