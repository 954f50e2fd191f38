package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.testing.SharedReference;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.server.testing.ServedWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's ADBC Flight SQL client (with pyarrow and pandas, from the project's client virtualenv) against the server:
 * get_info, get_objects, get_table_schema, bound parameters, fetch_arrow_table, fetch_df, errors, and the 22 TPC-H
 * queries, whose rows are compared here with the reference answers.
 */
class PythonAdbcClientTest {
    @TempDir
    Path out;

    @Test
    void pythonAdbcClientWorksEndToEnd() throws Exception {
        final Path repo = ServedWorkspace.examples().getParent();
        final String python = run(repo, List.of(repo.resolve("scripts/python-clients.sh").toString()), 600).strip();
        final String uri = "grpc://127.0.0.1:" + ServedWorkspace.get().flight.port();
        run(repo, List.of(python, repo.resolve("server/src/test/python/adbc_client_check.py").toString(), uri,
                SharedReference.tpch().resolve("queries").toString(), out.toString()), 300);
        for (String query : TpchAnswers.queries()) {
            final List<String> lines = Files.readAllLines(out.resolve(query + ".psv"), StandardCharsets.UTF_8);
            final List<List<Object>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                final List<Object> row = new ArrayList<>(Arrays.asList((Object[]) line.split("\\|", -1)));
                row.replaceAll(value -> "NULL".equals(value) ? null : value);
                rows.add(row);
            }
            TpchAnswers.assertMatches(query, rows);
        }
    }

    /** Runs a command, failing with its output when it fails; returns its standard output. */
    private static String run(Path dir, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        final Path log = Files.createTempFile("python-client", ".log");
        final Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(log.toFile()).start();
        final String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        final String stderr = Files.readString(log);
        Files.delete(log);
        assertThat(ended).as("%s did not finish in %d s%n%s", command, timeoutSeconds, stderr).isTrue();
        assertThat(process.exitValue()).as("%s failed:%n%s%s", command, stdout, stderr).isZero();
        return stdout;
    }
}
