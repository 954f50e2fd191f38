package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two statements corpora use to set up data, {@code CREATE TABLE name(col TYPE [constraints], …)} and
 * {@code INSERT INTO name[(cols)] VALUES (…)[, (…)]} with literal values only (numbers, quoted strings, NULL,
 * TRUE/FALSE, and typed literals such as {@code DATE '2024-01-31'}). Anything else is refused with the reason.
 */
final class DataStatements {
    private static final Pattern CREATE = Pattern.compile("(?is)\\s*CREATE\\s+TABLE\\s+(\\w+)\\s*\\((.*)\\)\\s*;?\\s*");
    private static final Pattern INSERT =
            Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s+(\\w+)\\s*(\\(([^)]*)\\))?\\s*VALUES\\s*(.*?)\\s*;?\\s*");
    private static final Pattern TYPED = Pattern.compile("(?is)(DATE|TIMESTAMP|TIME)\\s+'([^']*)'");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private DataStatements() {}

    static TableData createTable(String sql) {
        final Matcher m = CREATE.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected CREATE TABLE name(columns)");
        }
        final List<TableData.Column> columns = new ArrayList<>();
        for (String definition : splitTopLevel(m.group(2))) {
            final String[] words = definition.strip().split("\\s+");
            if (words.length < 2) {
                throw new IllegalArgumentException("expected 'name TYPE' in '" + definition.strip() + "'");
            }
            final String upperFirst = words[0].toUpperCase(Locale.ROOT);
            if (upperFirst.equals("PRIMARY") || upperFirst.equals("UNIQUE") || upperFirst.equals("CONSTRAINT")) {
                continue; // table constraints do not change what queries answer over valid data
            }
            columns.add(new TableData.Column(words[0].toLowerCase(Locale.ROOT), typeOf(words)));
        }
        return new TableData(m.group(1).toLowerCase(Locale.ROOT), columns);
    }

    /** The type words of a column definition, up to the first constraint keyword ({@code DOUBLE PRECISION}). */
    private static String typeOf(String[] words) {
        final StringBuilder type = new StringBuilder();
        for (String word : Arrays.asList(words).subList(1, words.length)) {
            final String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("PRIMARY") || upper.equals("NOT") || upper.equals("NULL") || upper.equals("UNIQUE")
                    || upper.equals("DEFAULT") || upper.equals("REFERENCES")) {
                break;
            }
            type.append(type.length() == 0 ? "" : " ").append(word);
        }
        return type.toString();
    }

    static void insert(String sql, Map<String, TableData> tables) {
        final Matcher m = INSERT.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected INSERT INTO name[(columns)] VALUES (…)");
        }
        final TableData table = tables.get(m.group(1).toLowerCase(Locale.ROOT));
        if (table == null) {
            throw new IllegalArgumentException("INSERT into unknown table " + m.group(1));
        }
        final int[] positions;
        if (m.group(3) == null) {
            positions = new int[table.columns().size()];
            Arrays.setAll(positions, i -> i);
        } else {
            final List<String> names = splitTopLevel(m.group(3));
            positions = names.stream().mapToInt(name -> table.indexOf(name.strip())).toArray();
        }
        for (String tuple : splitTopLevel(m.group(4))) {
            final String body = tuple.strip();
            if (!body.startsWith("(") || !body.endsWith(")")) {
                throw new IllegalArgumentException("expected a parenthesised row, found '" + body + "'");
            }
            final List<String> values = splitTopLevel(body.substring(1, body.length() - 1));
            if (values.size() != positions.length) {
                throw new IllegalArgumentException("row has " + values.size() + " values for " + positions.length
                        + " columns");
            }
            final TableData.Cell[] row = new TableData.Cell[table.columns().size()];
            Arrays.fill(row, new TableData.Cell("NULL", null));
            for (int i = 0; i < positions.length; i++) {
                row[positions[i]] = cell(values.get(i).strip());
            }
            table.addRow(List.of(row));
        }
    }

    private static TableData.Cell cell(String literal) {
        final String upper = literal.toUpperCase(Locale.ROOT);
        if (upper.equals("NULL")) {
            return new TableData.Cell("NULL", null);
        }
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return new TableData.Cell(upper, upper.toLowerCase(Locale.ROOT));
        }
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return new TableData.Cell(literal, literal.substring(1, literal.length() - 1).replace("''", "'"));
        }
        final Matcher typed = TYPED.matcher(literal);
        if (typed.matches()) {
            return new TableData.Cell(literal, typed.group(2));
        }
        if (NUMBER.matcher(literal).matches()) {
            return new TableData.Cell(literal, literal);
        }
        throw new IllegalArgumentException("not a literal value: " + literal);
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> splitTopLevel(String text) {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
