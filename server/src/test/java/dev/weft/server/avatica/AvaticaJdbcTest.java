package dev.weft.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.testing.JdbcRows;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.server.testing.ServedWorkspace;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Avatica's remote JDBC driver (protobuf over HTTP), as DBeaver or any JDBC tool uses it, against Weft. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvaticaJdbcTest {
    private Connection connection;

    @BeforeAll
    void connect() throws SQLException {
        connection = DriverManager.getConnection(ServedWorkspace.get().avaticaJdbcUrl());
    }

    @AfterAll
    void disconnect() throws SQLException {
        connection.close();
    }

    static Stream<String> queries() {
        return TpchAnswers.queries().stream();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void tpchQueriesAsWrittenGiveTheReferenceAnswers(String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(TpchAnswers.sql(query))) {
            TpchAnswers.assertMatches(query, JdbcRows.read(rs));
        }
    }

    /** What DBeaver asks on connect, in its order, each answer checked. */
    @Test
    void theConnectSequenceOfAJdbcToolGetsRealAnswers() throws SQLException {
        final DatabaseMetaData meta = connection.getMetaData();
        // Avatica's generic driver names itself here; Weft's own driver (jdbc:weft://) reports "Weft".
        assertThat(meta.getDatabaseProductName()).isNotBlank();
        assertThat(meta.getNumericFunctions()).contains("ABS", "ROUND");
        assertThat(meta.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(meta.getSQLKeywords()).isNotBlank();
        assertThat(column(meta.getCatalogs(), "TABLE_CAT")).containsExactly("weft");
        assertThat(column(meta.getSchemas(), "TABLE_SCHEM")).containsExactly("odf", "state", "sys");
        assertThat(column(meta.getSchemas("weft", "o%"), "TABLE_SCHEM")).containsExactly("odf");
        assertThat(column(meta.getTableTypes(), "TABLE_TYPE")).containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
        assertThat(column(meta.getTables("weft", "odf", "%", new String[] {"TABLE"}), "TABLE_NAME"))
                .contains("cities.population", "lineitem", "nation").doesNotContain("datasets");
        assertThat(column(meta.getTables(null, "odf", "line%", null), "TABLE_NAME")).containsExactly("lineitem");
        assertThat(column(meta.getTables(null, "state", "line%", null), "TABLE_TYPE")).containsExactly("VIEW");

        final List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns("weft", "odf", "lineitem", "l_%price")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                        + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ","
                        + rs.getInt("DECIMAL_DIGITS") + ") " + rs.getString("IS_NULLABLE") + " #"
                        + rs.getInt("ORDINAL_POSITION"));
            }
        }
        assertThat(columns).containsExactly("l_extendedprice " + Types.DECIMAL + " DECIMAL(15,2) YES #10");

        // Avatica's protocol has no primary-key request: its driver answers with an empty, well-formed result.
        assertThat(column(meta.getPrimaryKeys("weft", "odf", "cities.population"), "COLUMN_NAME")).isEmpty();
        assertThat(column(meta.getImportedKeys("weft", "odf", "lineitem"), "PKTABLE_NAME")).isEmpty();
        assertThat(column(meta.getTypeInfo(), "TYPE_NAME")).contains("BIGINT", "DECIMAL", "VARCHAR", "TIMESTAMP");
    }

    @Test
    void preparedStatementsBindParametersOfEachType() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM lineitem WHERE l_quantity > ? AND l_returnflag = ? AND l_shipdate < ?")) {
            assertThat(statement.getParameterMetaData().getParameterCount()).isEqualTo(3);
            statement.setBigDecimal(1, new BigDecimal("45"));
            statement.setString(2, "R");
            statement.setDate(3, java.sql.Date.valueOf("1995-01-01"));
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isPositive().isLessThan(60_175);
            }
        }
    }

    @Test
    void largeResultsArriveInFrames() throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(500);
            try (ResultSet rs = statement.executeQuery("SELECT l_orderkey, l_shipdate, l_comment FROM lineitem")) {
                while (rs.next()) {
                    assertThat(rs.getDate(2)).isNotNull();
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(60_175);
    }

    @Test
    void cancellingAStatementStopsItsResultAndTheConnectionStaysUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(100);
            final ResultSet rs = statement.executeQuery("SELECT * FROM lineitem, nation");
            for (int i = 0; i < 150; i++) {
                assertThat(rs.next()).isTrue();
            }
            statement.cancel();
            assertThatThrownBy(() -> {
                while (rs.next()) {
                    // Draining a cancelled result must fail, not return 1.5 million rows.
                }
            }).isInstanceOf(SQLException.class);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM region")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(5);
        }
    }

    @Test
    void datesAndTimestampsReadBackInUtc() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT census_date, DATE '2021-01-01' AS d FROM "
                        + "\"cities.population\" WHERE city = 'Calgary'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("2021-01-01 00:00:00");
            assertThat(rs.getString(2)).isEqualTo("2021-01-01");
        }
    }

    @Test
    void badSqlGivesTheSqlStateAndTheConnectionStaysUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT no_such_column FROM nation"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        final List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }
}
