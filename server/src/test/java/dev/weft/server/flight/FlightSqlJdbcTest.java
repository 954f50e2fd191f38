package dev.weft.server.flight;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Arrow Flight SQL JDBC driver (a real client, in this JVM) against Weft's Flight SQL server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlJdbcTest {
    private Connection connection;

    @BeforeAll
    void connect() throws SQLException {
        connection = DriverManager.getConnection(ServedWorkspace.get().flightJdbcUrl());
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

    @Test
    void preparedStatementsBindParameters() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM lineitem WHERE l_quantity > ? AND l_returnflag = ?")) {
            // The driver insists on the announced scale, DECIMAL(15,2).
            statement.setBigDecimal(1, new BigDecimal("45.00"));
            statement.setString(2, "R");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                final long withR = rs.getLong(1);
                assertThat(withR).isPositive().isLessThan(60_175);
                statement.setString(2, "N");
                try (ResultSet other = statement.executeQuery()) {
                    assertThat(other.next()).isTrue();
                    assertThat(other.getLong(1)).isPositive().isNotEqualTo(withR);
                }
            }
        }
    }

    @Test
    void largeResultsStreamCompletely() throws SQLException {
        long rows = 0;
        long lastOffset = -1;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT \"offset\", l_comment FROM lineitem ORDER BY 1")) {
            while (rs.next()) {
                assertThat(rs.getLong(1)).isGreaterThan(lastOffset);
                lastOffset = rs.getLong(1);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(60_175);
    }

    @Test
    void metadataDescribesDatasetsKeysAndSystemTables() throws SQLException {
        final DatabaseMetaData meta = connection.getMetaData();
        final List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, null, "%", null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":"
                        + rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(tables).contains("odf.lineitem:TABLE", "odf.cities.population:TABLE", "sys.datasets:SYSTEM TABLE",
                "sys.blocks:SYSTEM TABLE");
        final List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, "odf", "cities.population", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        assertThat(columns).containsExactly("offset BIGINT", "op INTEGER", "system_time TIMESTAMP",
                "census_date TIMESTAMP", "city VARCHAR", "population BIGINT");
        try (ResultSet rs = meta.getPrimaryKeys(null, "odf", "cities.population")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("city");
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = meta.getImportedKeys(null, "odf", "lineitem")) {
            assertThat(rs.next()).isFalse();
        }
        assertThat(meta.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(meta.getDatabaseProductName()).isEqualTo("Weft");
    }

    @Test
    void dottedDatasetNamesAreQueriedInDoubleQuotes() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT city, population, op FROM \"cities.population\" "
                        + "WHERE op IN (0, 3) ORDER BY \"offset\" DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("city")).isNotBlank();
        }
    }

    @Test
    void badSqlGivesAClearErrorAndTheConnectionStaysUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("42601");
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table")
                    .hasMessageContaining("42P01");
            assertThatThrownBy(() -> statement.executeQuery("SELECT no_such_column FROM nation"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_column")
                    .hasMessageContaining("42703").hasMessageContaining("line 1, column 8");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
        }
    }
}
