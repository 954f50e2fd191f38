package dev.weft.server.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The committed corpora, read from test resources under {@code differential/}: SQLite's {@code select1} …
 * {@code select5} SLT scripts (gzip), the hand-written BI shapes ({@code bi-shapes.slt}) and the generated corpus
 * ({@link QueryGenerator}, over the BI corpus's tables).
 */
final class Corpora {
    static final List<String> SLT_FILES = List.of("select1", "select2", "select3", "select4", "select5");
    static final String BI = "bi";
    static final String GENERATED = "generated";
    /** The seed of the generated corpus; changing it changes every generated query id's meaning. */
    static final long GENERATED_SEED = 20261204L;
    static final int GENERATED_QUERIES = 450;
    /**
     * select5 joins up to 64 ten-row tables in one FROM list; PostgreSQL 15 needs 10 s and more for each join of
     * more than a dozen tables (its genetic join search plans in seconds and still picks cross products), which puts
     * the whole file out of reach of a test run. Queries joining more tables than this are left out of the corpus.
     */
    static final int MAX_JOINED_TABLES = 10;
    private static final Pattern FROM_LIST = Pattern.compile("(?is)\\bFROM\\s+(.*?)\\s+WHERE\\b");

    private Corpora() {}

    /** An SLT file's corpus, without the queries that join more than {@link #MAX_JOINED_TABLES} tables. */
    static Corpus slt(String name) {
        final Corpus corpus = SltParser.parseSlt(name, gunzip(resource("differential/slt/" + name + ".test.gz")));
        return corpus.withQueries(name, corpus.queries().stream()
                .filter(q -> joinedTables(q.sql()) <= MAX_JOINED_TABLES).toList());
    }

    /** The number of tables in the first {@code FROM … WHERE} list of {@code sql} (1 when there is none). */
    static int joinedTables(String sql) {
        final Matcher m = FROM_LIST.matcher(sql);
        return m.find() ? DataStatements.splitTopLevel(m.group(1)).size() : 1;
    }

    static Corpus biShapes() {
        return SltParser.parseLabelled(BI, text(resource("differential/bi-shapes.slt")));
    }

    /** The generated queries over the tables of {@link #biShapes()}. */
    static Corpus generated(Corpus bi) {
        return bi.withQueries(GENERATED, new QueryGenerator(GENERATED_SEED).queries(GENERATED_QUERIES));
    }

    static String text(String resource) {
        try (InputStream in = Corpora.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        if (Corpora.class.getClassLoader().getResource(name) == null) {
            throw new IllegalStateException("Missing test resource " + name);
        }
        return name;
    }

    private static String gunzip(String resource) {
        try (InputStream in = new GZIPInputStream(Corpora.class.getClassLoader().getResourceAsStream(resource))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
