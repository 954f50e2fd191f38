package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.server.cli.WeftCommand;
import dev.weft.server.testing.ServedWorkspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's census example, FOR EVENT_TIME AS OF through every client: Flight SQL JDBC, Avatica and
 * {@code weft sql}. The 2020 census lists Vancouver, Toronto and Montreal; the 2021 census corrects Vancouver, adds
 * Calgary and omits Montreal (a retraction that takes effect at the 2021 census).
 */
@Timeout(120)
class CensusAsOfClientsTest {
    private static final List<String> CENSUS_2020 = List.of("Montreal|1762949", "Toronto|2794356",
            "Vancouver|675218");
    private static final List<String> CENSUS_2021 = List.of("Calgary|1306784", "Toronto|2794356",
            "Vancouver|662248");

    @Test
    void everyEventTimeAnswersTheSameOverEveryClient() throws SQLException {
        final ServedWorkspace served = ServedWorkspace.get();
        final DatasetView view = served.engine.snapshot().find("cities.population").orElseThrow();
        final SliceIndex.Slice census2020 = view.slices().slices().get(0);
        final List<Case> cases = List.of(
                new Case("FOR EVENT_TIME AS OF DATE '2019-06-01'", List.of()),
                new Case("FOR EVENT_TIME AS OF DATE '2020-01-01'", CENSUS_2020),
                new Case("FOR EVENT_TIME AS OF DATE '2020-06-01'", CENSUS_2020),
                new Case("FOR EVENT_TIME AS OF DATE '2021-01-01'", CENSUS_2021),
                new Case("FOR EVENT_TIME AS OF DATE '2021-06-01'", CENSUS_2021),
                new Case("FOR SYSTEM_TIME AS OF '" + census2020.blockHash() + "' FOR EVENT_TIME AS OF DATE "
                        + "'2021-06-01'", CENSUS_2020));
        try (Connection flight = DriverManager.getConnection(served.flightJdbcUrl());
                Connection avatica = DriverManager.getConnection(served.avaticaJdbcUrl())) {
            for (Case c : cases) {
                assertThat(jdbcRows(flight, c.sql())).as("Flight SQL JDBC: %s", c.clause()).isEqualTo(c.expected());
                assertThat(jdbcRows(avatica, c.sql())).as("Avatica: %s", c.clause()).isEqualTo(c.expected());
                assertThat(cliRows(served, c.sql())).as("weft sql: %s", c.clause()).isEqualTo(c.expected());
            }
        }
    }

    private static List<String> jdbcRows(Connection connection, String sql) throws SQLException {
        final List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getLong(2));
            }
        }
        return rows;
    }

    private static List<String> cliRows(ServedWorkspace served, String sql) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = WeftCommand.run(new String[] {"--workspace", served.directory.toString(), "sql", "-o",
                "csv", "-c", sql}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as("weft sql: %s", err).isZero();
        final List<String> lines = new ArrayList<>(Arrays.asList(out.toString().strip().split("\\R")));
        lines.remove(0);
        return lines.stream().filter(line -> !line.isEmpty()).map(line -> line.replace(',', '|')).toList();
    }

    private record Case(String clause, List<String> expected) {
        String sql() {
            return "SELECT city, population FROM \"cities.population\" " + clause + " ORDER BY city";
        }
    }
}
