package dev.weft.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into statements at semicolons outside quotes and comments. */
final class SqlScript {
    private SqlScript() {}

    static List<String> split(BufferedReader in) {
        final List<String> statements = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean lineComment = false;
        try {
            int read;
            while ((read = in.read()) >= 0) {
                final char c = (char) read;
                if (lineComment) {
                    lineComment = c != '\n';
                    current.append(c);
                    continue;
                }
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '-' && current.length() > 0 && current.charAt(current.length() - 1) == '-') {
                    lineComment = true;
                } else if (c == ';') {
                    add(statements, current);
                    continue;
                }
                current.append(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        final String statement = current.toString().strip();
        if (!statement.isEmpty() && !statement.lines().allMatch(l -> l.strip().isEmpty() || l.strip().startsWith("--"))) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
