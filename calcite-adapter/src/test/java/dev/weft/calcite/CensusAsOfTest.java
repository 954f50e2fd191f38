package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AS OF over the README's census example (a Snapshot merge): the 2021 census corrects Vancouver and omits Montreal,
 * and the changes it writes repeat the 2020 records, 2020 event time included. The state at an event time is still
 * what each census said from its date on: a correction takes effect at its new value's event time, a retraction at
 * the event time of the commit that wrote it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CensusAsOfTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final List<List<Object>> CENSUS_2020 = List.of(
            List.of("Montreal", 1762949L), List.of("Toronto", 2794356L), List.of("Vancouver", 675218L));
    private static final List<List<Object>> CENSUS_2021 = List.of(
            List.of("Calgary", 1306784L), List.of("Toronto", 2794356L), List.of("Vancouver", 662248L));

    private ScratchWorkspace workspace;
    private Multihash first;

    @BeforeAll
    void ingestBothCensuses() throws IOException {
        workspace = new ScratchWorkspace(Files.readString(EXAMPLES.resolve("cities.population.yaml")));
        first = workspace.ingest("cities.population", Files.readString(EXAMPLES.resolve("data/cities-2020.csv")));
        workspace.ingest("cities.population", Files.readString(EXAMPLES.resolve("data/cities-2021.csv")));
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    @Test
    void beforeTheFirstCensusNothingIsKnown() {
        assertThat(asOf("2019-12-31")).isEmpty();
    }

    @Test
    void betweenTheCensusesTheFirstOneHolds() {
        assertThat(asOf("2020-06-01")).isEqualTo(CENSUS_2020);
        assertThat(asOf("2020-01-01")).isEqualTo(CENSUS_2020);
    }

    @Test
    void onTheSecondCensusDateTheSecondOneHolds() {
        assertThat(asOf("2021-01-01")).isEqualTo(CENSUS_2021);
    }

    @Test
    void afterTheSecondCensusItHolds() {
        assertThat(asOf("2021-06-01")).isEqualTo(CENSUS_2021);
        assertThat(rows("SELECT city, population FROM state.\"cities.population\" ORDER BY city"))
                .isEqualTo(CENSUS_2021);
    }

    @Test
    void theStateSchemaAgreesWithEventTimeAsOf() {
        assertThat(rows("SELECT city, population FROM state.\"cities.population\" FOR EVENT_TIME AS OF "
                + "TIMESTAMP '2020-06-01 00:00:00' ORDER BY city")).isEqualTo(CENSUS_2020);
    }

    @Test
    void asAtTheFirstBlockOnlyTheFirstCensusIsKnownWhateverTheEventTime() {
        for (String day : List.of("2020-06-01", "2021-01-01", "2030-01-01")) {
            assertThat(rows("SELECT city, population FROM \"cities.population\" FOR SYSTEM_TIME AS OF '" + first
                    + "' FOR EVENT_TIME AS OF TIMESTAMP '" + day + " 00:00:00' ORDER BY city"))
                    .as(day).isEqualTo(CENSUS_2020);
        }
        assertThat(rows("SELECT city, population FROM \"cities.population\" FOR SYSTEM_TIME AS OF '" + first
                + "' FOR EVENT_TIME AS OF TIMESTAMP '2019-12-31 00:00:00'")).isEmpty();
    }

    private List<List<Object>> asOf(String day) {
        return rows("SELECT city, population FROM \"cities.population\" FOR EVENT_TIME AS OF TIMESTAMP '" + day
                + " 00:00:00' ORDER BY city");
    }

    private List<List<Object>> rows(String sql) {
        return workspace.rows(sql);
    }
}
