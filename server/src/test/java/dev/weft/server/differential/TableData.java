package dev.weft.server.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of a corpus as its CREATE TABLE and INSERT statements declared it: columns with their SQL types and the
 * rows, each cell kept both as the SQL literal PostgreSQL is given and as the plain text written to Weft's CSV.
 * Mutable while a corpus is parsed (rows are appended), then only read.
 */
public final class TableData {
    /** A declared column: its name folded to lower case and its SQL type as written ({@code VARCHAR(30)}). */
    public record Column(String name, String sqlType) {}

    /**
     * One value: {@code literal} is SQL text ({@code NULL}, {@code 'x'}, {@code DATE '2024-01-01'}), {@code text}
     * its value as CSV text, or null for NULL.
     */
    public record Cell(String literal, String text) {}

    private final String name;
    private final List<Column> columns;
    private final List<List<Cell>> rows = new ArrayList<>();

    public TableData(String name, List<Column> columns) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The rows in insertion order (which is also the order of their ODF offsets). */
    public List<List<Cell>> rows() {
        return rows;
    }

    /** Index of a column by (case-insensitive) name. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Table " + name + " has no column '" + column + "'");
    }

    void addRow(List<Cell> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("Row of table " + name + " has " + row.size() + " values, expected "
                    + columns.size());
        }
        rows.add(List.copyOf(row));
    }
}
