package dev.weft.calcite.exec;

import dev.weft.calcite.schema.OdfTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Reads a whole dataset table row by row for Calcite's executor, through the vectorized engine's Parquet reader. Only
 * plans that join datasets with system tables come here, so rows are collected per scan.
 */
public final class TableScans implements OdfTable.TableScanner {
    private final DuckDb duckDb;

    public TableScans(DuckDb duckDb) {
        this.duckDb = duckDb;
    }

    @Override
    public Enumerable<Object[]> scan(OdfTable table) {
        final String sql = DuckDbSql.scanSelect(table);
        final List<RelDataTypeField> fields = table.rowType().getFieldList();
        final List<Object[]> rows = new ArrayList<>();
        try (Connection connection = duckDb.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                final Object[] row = new Object[fields.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = internal(resultSet.getObject(i + 1));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw DuckDbResult.engineError(e);
        }
        return Linq4j.asEnumerable(rows);
    }

    /** Calcite's internal form of a JDBC value. */
    private static Object internal(Object value) {
        if (value instanceof Date date) {
            return (int) date.toLocalDate().toEpochDay();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Time time) {
            return (int) (time.toLocalTime().toNanoOfDay() / 1_000_000);
        }
        if (value instanceof byte[] bytes) {
            return new ByteString(bytes);
        }
        if (value instanceof java.math.BigInteger big) {
            return new BigDecimal(big);
        }
        return value;
    }
}
