package dev.weft.calcite.exec;

import dev.weft.calcite.schema.OdfTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Finds the sub-plans that occur more than once in a plan (also inside sub-query expressions) and are worth computing
 * once: aggregations (small results, costly inputs), without correlation variables (which tie them to each outer
 * row). Sub-plans are compared by their explained form, which is structural, and by the block each dataset in
 * them is read at: the same aggregation of a dataset now and AS AT an earlier block are two sub-plans (their explained
 * forms are the same). Repeated joins are left alone: a
 * materialized join is large, and DuckDB plans a scalar sub-query over one badly (TPC-H q11 took 75 s instead of
 * 0.1 s).
 */
final class SharedSubPlans {
    private SharedSubPlans() {}

    static Set<String> find(RelNode root) {
        final Map<String, Integer> counts = new HashMap<>();
        count(root, counts);
        final Set<String> shared = new HashSet<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                shared.add(key);
            }
        });
        return shared;
    }

    /** What identifies a sub-plan: its explained form and, in order, the block each dataset scan in it reads. */
    static String key(RelNode rel) {
        final StringBuilder key = new StringBuilder(RelOptUtil.toString(rel));
        appendScans(rel, key);
        return key.toString();
    }

    private static void appendScans(RelNode rel, StringBuilder key) {
        if (rel instanceof TableScan scan) {
            final OdfTable table = scan.getTable().unwrap(OdfTable.class);
            key.append(" @").append(table == null || table.asAtBlock() == null ? "head"
                    : table.asAtBlock().blockHash().toMultibase());
        }
        for (RelNode input : rel.getInputs()) {
            appendScans(input, key);
        }
        rel.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                appendScans(subQuery.rel, key);
                return subQuery;
            }
        });
    }

    /** Counts the uncorrelated aggregations in {@code rel} and its descendants. */
    private static void count(RelNode rel, Map<String, Integer> counts) {
        for (RelNode input : rel.getInputs()) {
            count(input, counts);
        }
        rel.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                count(subQuery.rel, counts);
                return subQuery;
            }
        });
        if (rel instanceof Aggregate && RelOptUtil.getVariablesUsed(rel).isEmpty()) {
            counts.merge(key(rel), 1, Integer::sum);
        }
    }
}
