package dev.weft.odf.chain;

import dev.weft.odf.hash.Multihash;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One broken rule found by {@link ChainValidator}: the block at fault, its sequence number when known (a missing or
 * undecodable block has none), the rule and a message saying what was expected and what was found.
 */
public record Violation(Multihash blockHash, OptionalLong sequenceNumber, ChainRule rule, String message) {
    public Violation {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return rule + " at block " + blockHash.toMultibase()
                + (sequenceNumber.isPresent() ? " (#" + sequenceNumber.getAsLong() + ")" : "") + ": " + message;
    }
}
