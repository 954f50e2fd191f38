package dev.weft.odf.testing;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a TPC-H table as CSV with a header line, using the official generator ({@code io.trino.tpch}), and gives
 * the DDL schema Weft reads it with: money columns as {@code DECIMAL(15,2)} (from the generator's value in cents),
 * dates as {@code DATE}, keys as {@code BIGINT}, integers as {@code INT}, text as {@code STRING}.
 */
public final class TpchCsv {
    private TpchCsv() {}

    /** The DDL column definitions of a table, in column order. */
    public static List<String> ddlSchema(TpchTable<?> table) {
        final List<String> ddl = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            ddl.add(column.getColumnName() + " " + ddlType(column));
        }
        return ddl;
    }

    /**
     * A DatasetSnapshot manifest for a root dataset named {@code name} with a push source {@code csv} that reads
     * {@link #write}'s files, appending every row.
     */
    public static String manifest(TpchTable<?> table, String name) {
        final StringBuilder yaml = new StringBuilder()
                .append("kind: DatasetSnapshot\nversion: 1\ncontent:\n")
                .append("  name: ").append(name).append('\n')
                .append("  kind: Root\n  metadata:\n")
                .append("    - kind: AddPushSource\n      sourceName: csv\n")
                .append("      read:\n        kind: Csv\n        header: true\n        schema:\n");
        for (String column : ddlSchema(table)) {
            yaml.append("          - ").append(column).append('\n');
        }
        return yaml.append("      merge:\n        kind: Append\n").toString();
    }

    /** Writes the table at {@code scaleFactor} to {@code file}; returns the number of rows. */
    public static <E extends TpchEntity> long write(TpchTable<E> table, double scaleFactor, Path file)
            throws IOException {
        long rows = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            final List<TpchColumn<E>> columns = table.getColumns();
            for (int i = 0; i < columns.size(); i++) {
                out.write(i == 0 ? "" : ",");
                out.write(columns.get(i).getColumnName());
            }
            out.write('\n');
            final StringBuilder line = new StringBuilder(256);
            for (E row : table.createGenerator(scaleFactor, 1, 1)) {
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    appendValue(line, columns.get(i), row);
                }
                line.append('\n');
                out.append(line);
                rows++;
            }
        }
        return rows;
    }

    private static String ddlType(TpchColumn<?> column) {
        switch (column.getType().getBase()) {
            case IDENTIFIER: return "BIGINT";
            case INTEGER: return "INT";
            case DATE: return "DATE";
            case DOUBLE: return "DECIMAL(15,2)";
            default: return "STRING";
        }
    }

    private static <E extends TpchEntity> void appendValue(StringBuilder line, TpchColumn<E> column, E row) {
        switch (column.getType().getBase()) {
            case IDENTIFIER:
                line.append(column.getIdentifier(row));
                break;
            case INTEGER:
                line.append(column.getInteger(row));
                break;
            case DATE:
                line.append(LocalDate.ofEpochDay(column.getDate(row)));
                break;
            case DOUBLE:
                final long cents = column.getIdentifier(row);
                final long abs = Math.abs(cents);
                line.append(cents < 0 ? "-" : "").append(abs / 100).append('.');
                final long fraction = abs % 100;
                line.append(fraction < 10 ? "0" : "").append(fraction);
                break;
            default:
                final String text = column.getString(row);
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) {
                    line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(text);
                }
        }
    }
}
