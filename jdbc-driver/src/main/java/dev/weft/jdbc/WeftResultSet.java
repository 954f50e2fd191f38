package dev.weft.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/** Avatica's result set, plus {@code getObject(i, LocalDate.class)} and {@code LocalDateTime.class} (JDBC 4.2). */
final class WeftResultSet extends AvaticaResultSet {
    WeftResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
            ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == LocalDate.class) {
            return type.cast(JavaTime.toLocalDate(getDate(columnIndex, JavaTime.utc())));
        }
        if (type == LocalDateTime.class) {
            return type.cast(JavaTime.toLocalDateTime(getTimestamp(columnIndex, JavaTime.utc())));
        }
        return super.getObject(columnIndex, type);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }
}
