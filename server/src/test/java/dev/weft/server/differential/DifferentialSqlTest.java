package dev.weft.server.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Differential SQL test: Weft answers the corpora's queries as PostgreSQL 15 does (issue 14). Every corpus is loaded
 * into a fresh Weft workspace and a fresh PostgreSQL database; each query's answers are compared
 * ({@link ResultComparator}), and a sample also goes through the Flight SQL and Avatica drivers
 * ({@link ProtocolCheck}). The differences of the run must be exactly the listed ones: every failure appears in
 * {@code differential/known-differences.txt}, and every listed query that ran still fails.
 *
 * <p>By default a deterministic sample runs (every tenth query of each SLT file, every hand-written and generated
 * query) in about two minutes; {@code -Dweft.differential=full} ({@code scripts/differential.sh})
 * runs every query ({@link Corpora#MAX_JOINED_TABLES} says which select5 joins are left out of both). Either way the report goes to {@code target/differential-report.txt} (or {@code -Dweft.differential.report}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialSqlTest {
    private static final boolean FULL = "full".equals(System.getProperty("weft.differential"));
    /** In the default run, one SLT query in this many (the first of each stride). */
    private static final int SLT_STRIDE = 10;
    /** Queries that also go through the two drivers: one in this many (every BI shape goes through them). */
    private static final int PROTOCOL_STRIDE_SLT = 80;
    private static final int PROTOCOL_STRIDE_GENERATED = 9;

    private final List<Outcome> engineOutcomes = new ArrayList<>();
    private final List<Outcome> protocolOutcomes = new ArrayList<>();
    private final StringBuilder timings = new StringBuilder("Time (s): load, queries on both engines, drivers\n");
    private TimeZone timeZone;
    private KnownDifferences known;

    @BeforeAll
    void runCorpora() throws Exception {
        // JDBC drivers turn timestamps into java.sql.Timestamp in the JVM's zone; UTC keeps them the stored values.
        timeZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        known = KnownDifferences.parse(Corpora.text("differential/known-differences.txt"));
        try (PostgresServer postgres = PostgresServer.start()) {
            for (String name : Corpora.SLT_FILES) {
                final Corpus corpus = Corpora.slt(name);
                run(postgres, corpus, FULL ? corpus.queries() : every(corpus.queries(), SLT_STRIDE),
                        every(corpus.queries(), PROTOCOL_STRIDE_SLT));
            }
            final Corpus bi = Corpora.biShapes();
            run(postgres, bi, bi.queries(), bi.queries());
            final Corpus generated = Corpora.generated(bi);
            run(postgres, generated, generated.queries(),
                    every(generated.queries(), PROTOCOL_STRIDE_GENERATED));
        }
    }

    /** Writes the report so far: a long run that is stopped still leaves the corpora it finished. */
    private void writeReport() throws IOException {
        final List<Outcome> all = new ArrayList<>(engineOutcomes);
        all.addAll(protocolOutcomes);
        final Path report = Path.of(System.getProperty("weft.differential.report", "target/differential-report.txt"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, timings + "\n" + DifferentialReport.render(all, known));
    }

    @AfterAll
    void restoreTimeZone() {
        TimeZone.setDefault(timeZone);
    }

    private void run(PostgresServer postgres, Corpus corpus, List<CorpusQuery> queries, List<CorpusQuery> viaDrivers)
            throws SQLException, IOException {
        final long start = System.nanoTime();
        try (PostgresTables pg = new PostgresTables(postgres, corpus.name(), corpus.tables());
                WeftTables weft = new WeftTables(corpus.tables());
                DifferentialRunner runner = new DifferentialRunner(pg, weft::query)) {
            final long loaded = System.nanoTime();
            engineOutcomes.addAll(runner.run(queries));
            final long compared = System.nanoTime();
            try (ProtocolCheck protocols = new ProtocolCheck(weft)) {
                protocolOutcomes.addAll(protocols.run(viaDrivers));
            }
            timings.append(String.format("%-10s %6.1f %6.1f %6.1f%n", corpus.name(), (loaded - start) / 1e9,
                    (compared - loaded) / 1e9, (System.nanoTime() - compared) / 1e9));
        }
        writeReport();
    }

    private static List<CorpusQuery> every(List<CorpusQuery> queries, int stride) {
        final List<CorpusQuery> sample = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += stride) {
            sample.add(queries.get(i));
        }
        return sample;
    }

    @Test
    void everyDifferenceFromPostgresIsAKnownDifference() {
        final List<String> unlisted = known.unlisted(engineOutcomes);
        assertTrue(unlisted.isEmpty(), unlisted.size() + " queries answer differently from PostgreSQL and are not in "
                + "known-differences.txt:\n" + String.join("\n", unlisted));
    }

    @Test
    void everyKnownDifferenceThatRanStillFails() {
        final Set<String> stale = known.stale(engineOutcomes);
        assertTrue(stale.isEmpty(), "These queries now agree with PostgreSQL; remove them from "
                + "known-differences.txt: " + stale);
    }

    @Test
    void theDriversNeverChangeAnAnswer() {
        final List<String> unlisted = known.unlisted(protocolOutcomes);
        assertTrue(unlisted.isEmpty(), "A driver changed an answer:\n" + String.join("\n", unlisted));
        assertEquals(Set.of(), known.stale(protocolOutcomes), "Listed protocol differences that no longer happen");
    }

    @Test
    void theSampleCoversEveryCorpusAndMostQueriesRunOnBothEngines() {
        final long excluded = engineOutcomes.stream()
                .filter(o -> o.status() == Outcome.Status.EXCLUDED_BY_POSTGRES).count();
        assertEquals(Set.of("select1", "select2", "select3", "select4", "select5", Corpora.BI, Corpora.GENERATED),
                Set.copyOf(engineOutcomes.stream().map(o -> o.query().category()).toList()));
        assertTrue(excluded * 10 < engineOutcomes.size(), "PostgreSQL rejected " + excluded + " of "
                + engineOutcomes.size() + " queries: the corpus or the loading is broken");
        assertTrue(protocolOutcomes.size() >= 2 * 100, "too few queries through the drivers: "
                + protocolOutcomes.size() / 2);
    }
}
