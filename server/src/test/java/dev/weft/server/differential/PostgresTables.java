package dev.weft.server.differential;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The tables of a corpus in their own PostgreSQL database, loaded with plain CREATE TABLE and INSERT. Each table
 * starts with the four ODF system columns Weft's tables have ({@code offset}, {@code op}, {@code system_time},
 * {@code event_time}) so that {@code SELECT *} answers compare; they are filled from the same facts Weft's ingest
 * applies (insertion index, {@code +A}, the fixed {@link WeftTables#SYSTEM_TIME}), not copied from Weft. Queries run
 * with a statement timeout in one autocommit connection; not thread-safe.
 */
final class PostgresTables implements AutoCloseable {
    private static final int BATCH = 500;

    private final Connection connection;

    PostgresTables(PostgresServer server, String database, List<TableData> tables) throws SQLException {
        server.createDatabase(database);
        connection = server.connect(database);
        final String systemTime = "TIMESTAMP '" + WeftTables.SYSTEM_TIME.toString().replace('T', ' ').replace("Z", "")
                + "'";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '20s'");
            for (TableData table : tables) {
                final StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(table.name())
                        .append(" (\"offset\" BIGINT, op INTEGER, system_time TIMESTAMP, event_time TIMESTAMP");
                for (TableData.Column column : table.columns()) {
                    ddl.append(", ").append(column.name()).append(' ').append(pgType(column.sqlType()));
                }
                statement.execute(ddl.append(')').toString());
                final List<List<TableData.Cell>> rows = table.rows();
                for (int from = 0; from < rows.size(); from += BATCH) {
                    final StringBuilder insert = new StringBuilder("INSERT INTO ").append(table.name()).append(" VALUES ");
                    for (int r = from; r < Math.min(rows.size(), from + BATCH); r++) {
                        insert.append(r == from ? "" : ", ").append('(').append(r).append(", 0, ").append(systemTime)
                                .append(", ").append(systemTime);
                        for (TableData.Cell cell : rows.get(r)) {
                            insert.append(", ").append(cell.literal());
                        }
                        insert.append(')');
                    }
                    statement.execute(insert.toString());
                }
            }
        }
    }

    /** PostgreSQL spelling of a corpus column type; SQLite's untyped spellings are given PostgreSQL's nearest type. */
    private static String pgType(String sqlType) {
        final String upper = sqlType.toUpperCase(Locale.ROOT);
        return upper.equals("DOUBLE") ? "DOUBLE PRECISION" : sqlType;
    }

    /** Runs a query and reads its rows canonically; throws the PostgreSQL error as is. */
    List<List<Object>> query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return ResultRows.read(rows);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
