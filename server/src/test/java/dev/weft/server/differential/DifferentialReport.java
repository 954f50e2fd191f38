package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain-text report of a differential run: per category the counts of each outcome and the pass rate
 * (passes over the queries PostgreSQL answered), then the failures grouped by their listed cause (or, for unlisted
 * ones, by their detail), then every failure with its SQL.
 */
final class DifferentialReport {
    private DifferentialReport() {}

    static String render(List<Outcome> outcomes, KnownDifferences known) {
        final StringBuilder out = new StringBuilder();
        final Map<String, int[]> counts = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            counts.computeIfAbsent(outcome.query().category(), c -> new int[Outcome.Status.values().length])
                    [outcome.status().ordinal()]++;
        }
        out.append(String.format("%-10s %7s %7s %9s %10s %9s %9s%n", "category", "queries", "pass", "different",
                "weft-error", "excluded", "pass-rate"));
        final int[] total = new int[Outcome.Status.values().length];
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            out.append(line(entry.getKey(), entry.getValue()));
            for (int i = 0; i < total.length; i++) {
                total[i] += entry.getValue()[i];
            }
        }
        out.append(line("total", total)).append('\n');

        final Map<String, List<Outcome>> byCause = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.failed()) {
                final String cause = known.cause(outcome.query().id());
                byCause.computeIfAbsent(cause != null ? cause : "(unlisted) " + outcome.status() + ": "
                        + outcome.detail(), c -> new ArrayList<>()).add(outcome);
            }
        }
        out.append("Failures by cause (count, cause, example):\n");
        byCause.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Outcome>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> out.append(String.format("%5d  %s%n       e.g. %s: %s%n", e.getValue().size(), e.getKey(),
                        e.getValue().get(0).query().id(), DifferentialRunner.oneLine(e.getValue().get(0).query().sql()))));
        out.append("\nAll failures:\n");
        for (Outcome outcome : outcomes) {
            if (outcome.failed()) {
                out.append(outcome.query().id()).append(' ').append(outcome.status()).append(": ")
                        .append(outcome.detail()).append("\n    ").append(DifferentialRunner.oneLine(outcome.query().sql()))
                        .append('\n');
            }
        }
        out.append("\nExcluded (PostgreSQL rejected the query):\n");
        for (Outcome outcome : outcomes) {
            if (outcome.status() == Outcome.Status.EXCLUDED_BY_POSTGRES) {
                out.append(outcome.query().id()).append(": ").append(outcome.detail()).append('\n');
            }
        }
        return out.toString();
    }

    private static String line(String category, int[] c) {
        final int pass = c[Outcome.Status.PASS.ordinal()];
        final int answered = pass + c[Outcome.Status.DIFFERENT.ordinal()] + c[Outcome.Status.WEFT_ERROR.ordinal()];
        final int queries = answered + c[Outcome.Status.EXCLUDED_BY_POSTGRES.ordinal()];
        return String.format("%-10s %7d %7d %9d %10d %9d %8.1f%%%n", category, queries, pass,
                c[Outcome.Status.DIFFERENT.ordinal()], c[Outcome.Status.WEFT_ERROR.ordinal()],
                c[Outcome.Status.EXCLUDED_BY_POSTGRES.ordinal()], answered == 0 ? 100.0 : 100.0 * pass / answered);
    }
}
