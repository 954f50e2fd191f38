package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TPC-H benchmark at SF 0.01 as CI runs it: for correctness of every answer, not for its timings. */
class TpchBenchmarkTest {
    @Test
    void everyQueryIsCorrectThroughFlightSqlAndOnTheReferenceEngine(@TempDir Path dir) throws Exception {
        final TpchBenchmark.Report report = TpchBenchmark.run(0.01, 3, 1, dir.resolve("work"));
        assertThat(report.queries()).hasSize(22);
        assertThat(report.queries()).allSatisfy(q -> assertThat(q.problem()).as(q.query()).isNull());
        final List<Path> written = BenchmarkReport.write(report, dir.resolve("out"), LocalDate.of(2026, 11, 24));
        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("2026-11-24-sf0.01.json", "2026-11-24-sf0.01.md", "2026-11-24-sf0.01.png");
        assertThat(Files.readString(written.get(0))).contains("\"allCorrect\" : true", "\"query\" : \"q22\"");
        assertThat(Files.readString(written.get(1))).contains("| total |", "all correct");
        assertThat(Files.size(written.get(2))).isPositive();
    }
}
