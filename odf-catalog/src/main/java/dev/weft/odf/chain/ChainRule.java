package dev.weft.odf.chain;

/** The ODF rules a metadata chain and its files must follow, as checked by {@link ChainValidator}. */
public enum ChainRule {
    /** A block referenced by the head or a {@code prevBlockHash} must be stored. */
    BLOCK_PRESENT,
    /** A block's bytes must hash (SHA3-256) to the name it is stored under. */
    BLOCK_HASH,
    /** A block must decode as an ODF metadata block. */
    BLOCK_DECODES,
    /** The chain must not loop back on itself. */
    NO_CYCLE,
    /** Sequence numbers count up by one from 0 at the Seed. */
    SEQUENCE_NUMBER,
    /** The first block is a Seed without a previous block, and no other block is a Seed. */
    SEED_FIRST,
    /** System time never decreases along the chain. */
    SYSTEM_TIME,
    /** Output watermarks of AddData and ExecuteTransform never decrease. */
    WATERMARK,
    /**
     * Output offsets are contiguous: {@code prevOffset} is the end of the last data slice, a new slice starts right
     * after it (at 0 for the first) and does not end before it starts.
     */
    OFFSETS,
    /** A referenced data slice is stored, with the recorded size and physical hash. */
    DATA_FILE,
    /** A referenced checkpoint is stored, with the recorded size and physical hash. */
    CHECKPOINT_FILE
}
