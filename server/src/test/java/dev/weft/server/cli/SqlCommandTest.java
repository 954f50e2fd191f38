package dev.weft.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.store.Workspace;
import dev.weft.server.demo.DemoWorkspace;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void createDemo() {
        try (Workspace ignored = DemoWorkspace.create(dir, new PrintWriter(new StringWriter()))) {
            // Created and closed again: each command opens the workspace itself.
        }
    }

    @Test
    void runsOneStatementAndPrintsATable() {
        final Result result = run("sql", "-c",
                "SELECT city, population FROM \"cities.population\" WHERE op = 3 ORDER BY city");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("city       population", "Toronto    2794356", "Vancouver  662248",
                "(2 rows, ");
    }

    @Test
    void writesCsvWithNullsAsEmptyFields() {
        final Result result = run("sql", "-o", "csv", "-c",
                "SELECT order_id, CASE WHEN quantity > 2 THEN product END AS big FROM \"shop.orders\" ORDER BY 1");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out.lines()).containsExactly("order_id,big", "1001,", "1002,", "1003,",
                "1004,filter papers", "1005,", "1006,coffee beans", "1007,");
    }

    @Test
    void badSqlExitsWithTheSqlErrorCodeAndPosition() {
        final Result result = run("sql", "-c", "SELECT nope FROM \"shop.orders\"");
        assertThat(result.exitCode).isEqualTo(11);
        assertThat(result.err).contains("Column 'nope' not found", "line 1, column 8");
    }

    @Test
    void scriptsSplitAtSemicolonsOutsideQuotesAndComments() {
        final String script = "SELECT ';' AS a; -- a comment; with a semicolon\nSELECT \"x;y\" FROM t;\n\n-- only a comment\n";
        assertThat(SqlScript.split(new BufferedReader(new StringReader(script))))
                .containsExactly("SELECT ';' AS a", "-- a comment; with a semicolon\nSELECT \"x;y\" FROM t");
    }

    private static Result run(String... args) {
        final String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = WeftCommand.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
