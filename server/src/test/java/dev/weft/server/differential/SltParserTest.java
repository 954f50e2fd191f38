package dev.weft.server.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
    private static final String SCRIPT = """
            statement ok
            CREATE TABLE t1(a INTEGER PRIMARY KEY, b VARCHAR(30), c DOUBLE PRECISION NOT NULL)

            statement ok
            INSERT INTO t1(c,a) VALUES(1.5,1)

            statement ok
            INSERT INTO t1 VALUES(2,'it''s',NULL), (3, '', -2e3)

            statement ok
            CREATE INDEX t1a ON t1(a)

            query I rowsort
            SELECT a FROM t1
            ----
            3 values hashing to 0123

            onlyif mysql
            query I nosort
            SELECT 'mysql only'
            ----
            x

            skipif postgresql
            query I nosort
            SELECT 'not on postgres'

            onlyif postgresql
            query II nosort label-1
            SELECT a, b FROM t1
            ORDER BY a

            statement error
            SELECT nonsense

            halt

            query I nosort
            SELECT 'after halt'
            """;

    @Test
    void readsTablesAndRowsAsBothLiteralsAndCsvText() {
        final Corpus corpus = SltParser.parseSlt("s", SCRIPT);
        final TableData t1 = corpus.tables().get(0);
        assertEquals("t1", t1.name());
        assertEquals(List.of(new TableData.Column("a", "INTEGER"), new TableData.Column("b", "VARCHAR(30)"),
                new TableData.Column("c", "DOUBLE PRECISION")), t1.columns());
        assertEquals(List.of(new TableData.Cell("1", "1"), new TableData.Cell("NULL", null),
                new TableData.Cell("1.5", "1.5")), t1.rows().get(0));
        assertEquals(new TableData.Cell("'it''s'", "it's"), t1.rows().get(1).get(1));
        assertEquals(new TableData.Cell("''", ""), t1.rows().get(2).get(1));
        assertEquals(new TableData.Cell("-2e3", "-2e3"), t1.rows().get(2).get(2));
    }

    @Test
    void keepsQueriesAPostgresRunnerWouldRunNamedByLine() {
        final List<CorpusQuery> queries = SltParser.parseSlt("s", SCRIPT).queries();
        assertEquals(List.of("s:13", "s:29"), queries.stream().map(CorpusQuery::id).toList());
        assertFalse(queries.get(0).ordered());
        assertTrue(queries.get(1).ordered());
        assertEquals("SELECT a, b FROM t1\nORDER BY a", queries.get(1).sql());
    }

    @Test
    void labelledCorporaAreNamedByLabelAndNeedOne() {
        final String text = "query T rowsort first\nSELECT 1\n\nquery T nosort second\nSELECT 2 ORDER BY 1\n";
        assertEquals(List.of("bi:first", "bi:second"),
                SltParser.parseLabelled("bi", text).queries().stream().map(CorpusQuery::id).toList());
        assertThrows(IllegalArgumentException.class, () -> SltParser.parseLabelled("bi", "query T rowsort\nSELECT 1\n"));
    }

    @Test
    void refusesStatementsWeftCannotMirror() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SltParser.parseSlt("s", "statement ok\nDELETE FROM t1\n"));
        assertTrue(e.getMessage().startsWith("s:1: unsupported statement"), e.getMessage());
    }

    @Test
    void onlyATopLevelOrderByOrdersTheResult() {
        assertTrue(SltParser.hasTopLevelOrderBy("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1"));
        assertFalse(SltParser.hasTopLevelOrderBy("SELECT SUM(a) OVER (ORDER BY b) FROM t"));
        assertFalse(SltParser.hasTopLevelOrderBy("SELECT 'ORDER BY' FROM t"));
    }

    @Test
    void theCommittedCorporaParse() {
        for (String name : Corpora.SLT_FILES) {
            final Corpus corpus = Corpora.slt(name);
            assertFalse(corpus.queries().isEmpty(), name);
            assertTrue(corpus.tables().stream().allMatch(t -> !t.rows().isEmpty()), name);
        }
        final Corpus bi = Corpora.biShapes();
        assertEquals(List.of("sales", "regions"), bi.tables().stream().map(TableData::name).toList());
        assertEquals(Corpora.GENERATED_QUERIES, Corpora.generated(bi).queries().size());
    }

    @Test
    void theGeneratedCorpusDependsOnlyOnItsSeed() {
        assertEquals(new QueryGenerator(42).queries(30), new QueryGenerator(42).queries(30));
        assertFalse(Arrays.equals(new QueryGenerator(42).queries(30).toArray(),
                new QueryGenerator(43).queries(30).toArray()));
    }
}
