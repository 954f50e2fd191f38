package dev.weft.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.weft.odf.store.ChildJvm;
import dev.weft.odf.store.Workspace;
import dev.weft.server.testing.DamageableWorkspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft serve --demo} as a user runs it: a separate process, real ports, real clients, SIGTERM to stop. */
class ServeCommandTest {
    private static final Pattern PORT = Pattern.compile(":(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void servesTheDemoOverFlightSqlAndHttpAndStopsOnSigterm() throws Exception {
        final Path workspace = dir.resolve("demo");
        final List<String> output = new ArrayList<>();
        try (ChildJvm server = ChildJvm.start(WeftCommand.class, dir.resolve("stderr.log"), "--workspace",
                workspace.toString(), "serve", "--demo", "--flight-port", "0", "--jdbc-port", "0", "--http-port",
                "0")) {
            final int flightPort = port(server.awaitLine("  Arrow Flight SQL", Duration.ofSeconds(60), output));
            final int httpPort = port(server.awaitLine("  HTTP", Duration.ofSeconds(10), output));
            assertThat(output).anyMatch(line -> line.contains("ingested census snapshot cities-2021.csv"));

            final HttpClient http = HttpClient.newHttpClient();
            final HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            try (Connection connection = DriverManager.getConnection(
                    "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "/?useEncryption=false");
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"shop.orders\"")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(7);
            }
            final HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("weft_datasets 2.0", "weft_queries_seconds_count{outcome=\"ok\"",
                    "weft_slice_files_read_total 2.0");

            server.process().destroy();
            server.awaitEnd(Duration.ofSeconds(30), output);
            assertThat(server.exitCode()).isEqualTo(143);
        }
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("weft: stopping");
    }

    @Test
    void servesTheHealthyDatasetsOfAWorkspaceWithACorruptOne() throws Exception {
        final DamageableWorkspace fixture = DamageableWorkspace.create(dir.resolve("ws"));
        try (Workspace workspace = fixture.open()) {
            fixture.corruptHeadBlock(workspace);
        }
        final List<String> output = new ArrayList<>();
        try (ChildJvm server = ChildJvm.start(WeftCommand.class, dir.resolve("stderr.log"), "--workspace",
                dir.resolve("ws").toString(), "serve", "--flight-port", "0", "--jdbc-port", "0", "--http-port", "0")) {
            // It used to exit 7 here, serving nothing.
            assertThat(server.awaitLine("Weft is serving 1 dataset ", Duration.ofSeconds(60), output)).isNotNull();
            assertThat(server.awaitLine("  not serving damaged dataset 'victim'", Duration.ofSeconds(10), output))
                    .isNotNull();
            final int flightPort = port(server.awaitLine("  Arrow Flight SQL", Duration.ofSeconds(10), output));
            final long rows = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (Connection connection = DriverManager.getConnection(
                        "jdbc:arrow-flight-sql://127.0.0.1:" + flightPort + "/?useEncryption=false");
                        Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT count(*) FROM healthy")) {
                    assertThat(rs.next()).isTrue();
                    return rs.getLong(1);
                }
            });
            assertThat(rows).isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
            server.process().destroy();
            server.awaitEnd(Duration.ofSeconds(30), output);
        }
        assertThat(Files.readString(dir.resolve("stderr.log")))
                .contains("WARN", "Dataset 'victim' is damaged and not served until repaired", "is corrupted");
    }

    private static int port(String line) {
        final Matcher matcher = PORT.matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
