package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads SQLLogicTest scripts ({@code statement ok}, {@code query <types> <sort> [label]} then SQL, {@code ----} and
 * expected results) into a {@link Corpus}. The expected results are SQLite's answers and are ignored: the oracle is
 * PostgreSQL. Conditions are honoured the way a PostgreSQL runner would: {@code onlyif postgresql} records run,
 * records {@code onlyif} another engine and {@code skipif postgresql} records are left out; {@code halt} stops the
 * file. {@code CREATE TABLE} and {@code INSERT} statements become {@link TableData}, {@code CREATE INDEX} is dropped
 * (it cannot change an answer), {@code statement error} records are left out, and any other statement is refused.
 *
 * <p>The same format, without the {@code ----} part, holds our hand-written corpora; there every query carries a label,
 * which becomes its id ({@code category:label}); SLT queries are named by their line ({@code select1:1234}).
 */
public final class SltParser {
    private static final String ENGINE = "postgresql";

    private final String category;
    private final boolean labelsAreIds;
    private final Map<String, TableData> tables = new LinkedHashMap<>();
    private final List<CorpusQuery> queries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    private SltParser(String category, boolean labelsAreIds) {
        this.category = category;
        this.labelsAreIds = labelsAreIds;
    }

    /** Parses an SLT file; queries are named by line number. */
    public static Corpus parseSlt(String category, String text) {
        return new SltParser(category, false).parse(text);
    }

    /** Parses a hand-written corpus in SLT form where every query has a unique label naming it. */
    public static Corpus parseLabelled(String category, String text) {
        return new SltParser(category, true).parse(text);
    }

    private Corpus parse(String text) {
        final String[] lines = text.split("\n", -1);
        int i = 0;
        boolean skip = false;
        while (i < lines.length) {
            final String line = stripComment(lines[i]).strip();
            final int recordLine = i + 1;
            if (line.isEmpty()) {
                i++;
                skip = false;
                continue;
            }
            final String[] words = line.split("\\s+");
            final String keyword = words[0];
            if (keyword.equals("skipif") || keyword.equals("onlyif")) {
                final boolean thisEngine = words.length > 1 && words[1].equalsIgnoreCase(ENGINE);
                skip |= keyword.equals("skipif") == thisEngine;
                i++;
                continue;
            }
            if (keyword.equals("halt")) {
                if (skip) {
                    i++;
                    skip = false;
                    continue;
                }
                break;
            }
            if (keyword.equals("hash-threshold")) {
                i++;
                continue;
            }
            if (!keyword.equals("statement") && !keyword.equals("query")) {
                throw new IllegalArgumentException(category + ":" + recordLine + ": unknown record '" + line + "'");
            }
            final StringBuilder sql = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].isBlank() && !lines[i].strip().equals("----")) {
                sql.append(sql.length() == 0 ? "" : "\n").append(lines[i]);
                i++;
            }
            while (i < lines.length && !lines[i].isBlank()) {
                i++; // expected results: SQLite's answers, not ours to check
            }
            if (!skip) {
                if (keyword.equals("statement")) {
                    statement(words, sql.toString(), recordLine);
                } else {
                    query(words, sql.toString(), recordLine);
                }
            }
            skip = false;
        }
        return new Corpus(category, List.copyOf(tables.values()), queries);
    }

    private void statement(String[] words, String sql, int line) {
        if (words.length > 1 && words[1].equals("error")) {
            return;
        }
        final String upper = sql.strip().toUpperCase(Locale.ROOT);
        try {
            if (upper.startsWith("CREATE TABLE")) {
                final TableData table = DataStatements.createTable(sql);
                tables.put(table.name(), table);
            } else if (upper.startsWith("INSERT INTO")) {
                DataStatements.insert(sql, tables);
            } else if (!upper.startsWith("CREATE INDEX") && !upper.startsWith("CREATE UNIQUE INDEX")) {
                throw new IllegalArgumentException("unsupported statement (Weft has no DML or DDL)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(category + ":" + line + ": " + e.getMessage() + ": " + sql, e);
        }
    }

    private void query(String[] words, String sql, int line) {
        final String sort = words.length > 2 ? words[2] : "nosort";
        final String label = words.length > 3 ? words[3] : null;
        final String id;
        if (labelsAreIds) {
            if (label == null) {
                throw new IllegalArgumentException(category + ":" + line + ": query without a label");
            }
            id = category + ":" + label;
        } else {
            id = category + ":" + line;
        }
        if (!ids.add(id)) {
            throw new IllegalArgumentException(category + ":" + line + ": duplicate query id " + id);
        }
        queries.add(new CorpusQuery(id, category, sql, sort.equals("nosort") && hasTopLevelOrderBy(sql)));
    }

    private static String stripComment(String line) {
        return line.startsWith("#") ? "" : line;
    }

    /** Whether ORDER BY occurs outside parentheses and string literals, i.e. orders the whole result. */
    static boolean hasTopLevelOrderBy(String sql) {
        final String upper = sql.toUpperCase(Locale.ROOT);
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < upper.length(); i++) {
            final char c = upper.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && upper.startsWith("ORDER", i)
                    && upper.substring(i + 5).stripLeading().startsWith("BY")) {
                return true;
            }
        }
        return false;
    }
}
