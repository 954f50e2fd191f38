package dev.weft.odf.chain;

import dev.weft.odf.hash.Multihash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of validating one dataset's chain: the head checked, how many blocks were read, and every violation. */
public record ValidationReport(
        String dataset, Optional<Multihash> head, int blocksChecked, List<Violation> violations) {
    public ValidationReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(head, "head");
        violations = List.copyOf(violations);
    }

    /** Whether no rule was broken. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /** The violations of one rule. */
    public List<Violation> violationsOf(ChainRule rule) {
        return violations.stream().filter(v -> v.rule() == rule).toList();
    }
}
