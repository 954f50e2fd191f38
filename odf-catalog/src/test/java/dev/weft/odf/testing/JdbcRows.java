package dev.weft.odf.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a JDBC result into rows of {@code getObject} values, as the TPC-H comparison takes them. */
public final class JdbcRows {
    private JdbcRows() {}

    public static List<List<Object>> read(ResultSet rs) throws SQLException {
        final int columns = rs.getMetaData().getColumnCount();
        final List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            final List<Object> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
