package dev.weft.calcite.exec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Finds the sub-plans that occur more than once in a plan (also inside sub-query expressions) and are worth computing
 * once: those with an aggregate or a join, and without correlation variables (which tie them to each outer row).
 * Sub-plans are compared by their explained form, which is structural.
 */
final class SharedSubPlans {
    private SharedSubPlans() {}

    static Set<String> find(RelNode root) {
        final Map<String, Integer> counts = new HashMap<>();
        final Set<String> heavy = new HashSet<>();
        count(root, counts, heavy);
        final Set<String> shared = new HashSet<>();
        counts.forEach((key, count) -> {
            if (count > 1 && heavy.contains(key)) {
                shared.add(key);
            }
        });
        return shared;
    }

    /** Counts {@code rel} and its descendants; returns whether {@code rel} holds an aggregate or a join. */
    private static boolean count(RelNode rel, Map<String, Integer> counts, Set<String> heavy) {
        boolean isHeavy = rel instanceof Aggregate || rel instanceof Join;
        for (RelNode input : rel.getInputs()) {
            isHeavy |= count(input, counts, heavy);
        }
        final boolean[] subQueryHeavy = {false};
        rel.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                subQueryHeavy[0] |= count(subQuery.rel, counts, heavy);
                return subQuery;
            }
        });
        isHeavy |= subQueryHeavy[0];
        if (RelOptUtil.getVariablesUsed(rel).isEmpty()) {
            final String key = RelOptUtil.toString(rel);
            counts.merge(key, 1, Integer::sum);
            if (isHeavy) {
                heavy.add(key);
            }
        }
        return isHeavy;
    }
}
