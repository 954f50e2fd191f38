package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The committed list of queries on which Weft is known to answer differently from PostgreSQL, one per line:
 * {@code <query id> <one-line cause>}; {@code #} starts a comment. The test holds it true both ways: every failure of
 * a run must be listed, and every listed query that the run executed must still fail.
 */
final class KnownDifferences {
    private final Map<String, String> causes;

    private KnownDifferences(Map<String, String> causes) {
        this.causes = causes;
    }

    static KnownDifferences parse(String text) {
        final Map<String, String> causes = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            final String[] parts = trimmed.split("\\s+", 2);
            if (parts.length < 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException("known-differences.txt:" + number + ": expected '<id> <cause>'");
            }
            if (causes.put(parts[0], parts[1].strip()) != null) {
                throw new IllegalArgumentException("known-differences.txt:" + number + ": duplicate id " + parts[0]);
            }
        }
        return new KnownDifferences(causes);
    }

    /** The listed cause of {@code id}, or null when it is not listed. */
    String cause(String id) {
        return causes.get(id);
    }

    /** Failures of this run that the file does not list, one line each. */
    List<String> unlisted(Collection<Outcome> outcomes) {
        final List<String> lines = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.failed() && !causes.containsKey(outcome.query().id())) {
                lines.add(outcome.query().id() + " " + outcome.status() + ": " + outcome.detail() + "\n    "
                        + DifferentialRunner.oneLine(outcome.query().sql()));
            }
        }
        return lines;
    }

    /** Listed ids that this run executed and that passed (or were excluded): the file must drop them. */
    Set<String> stale(Collection<Outcome> outcomes) {
        final Set<String> stale = new TreeSet<>();
        for (Outcome outcome : outcomes) {
            if (!outcome.failed() && causes.containsKey(outcome.query().id())) {
                stale.add(outcome.query().id());
            }
        }
        return stale;
    }
}
