package dev.weft.server.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.weft.server.WeftServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One-call clients of a running {@link WeftServer} for fault tests: each connects, runs one query that returns one
 * number, and disconnects, all within {@link #DEADLINE} — a server that never answers fails the test instead of
 * hanging it.
 */
public final class Clients {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Clients() {}

    /** {@code sql}'s single number through the Arrow Flight SQL JDBC driver. */
    public static long flightJdbc(WeftServer server, String sql) {
        return assertTimeoutPreemptively(DEADLINE, () -> jdbc(
                "jdbc:arrow-flight-sql://127.0.0.1:" + server.flightPort() + "/?useEncryption=false", sql));
    }

    /** {@code sql}'s single number through Avatica's remote JDBC driver. */
    public static long avatica(WeftServer server, String sql) {
        return assertTimeoutPreemptively(DEADLINE, () -> jdbc("jdbc:avatica:remote:url=http://127.0.0.1:"
                + server.jdbcPort() + ";serialization=protobuf", sql));
    }

    /** {@code sql}'s single number (the first column of the first row) through the Java ADBC Flight SQL driver. */
    public static long adbc(WeftServer server, String sql) {
        return assertTimeoutPreemptively(DEADLINE, () -> {
            final Map<String, Object> parameters = new HashMap<>();
            AdbcDriver.PARAM_URI.set(parameters, "grpc+tcp://127.0.0.1:" + server.flightPort());
            try (BufferAllocator allocator = new RootAllocator();
                    AdbcDatabase database = new FlightSqlDriver(allocator).open(parameters);
                    AdbcConnection connection = database.connect();
                    AdbcStatement statement = connection.createStatement()) {
                statement.setSqlQuery(sql);
                try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                    final ArrowReader reader = result.getReader();
                    while (reader.loadNextBatch()) {
                        if (reader.getVectorSchemaRoot().getRowCount() > 0) {
                            return ((Number) reader.getVectorSchemaRoot().getVector(0).getObject(0)).longValue();
                        }
                    }
                    throw new AssertionError("No rows from " + sql);
                }
            }
        });
    }

    /** The tables of schema {@code odf} as the Flight SQL JDBC driver lists them (what BI tools read on connect). */
    public static List<String> flightJdbcTables(WeftServer server) {
        return assertTimeoutPreemptively(DEADLINE, () -> {
            final List<String> names = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:arrow-flight-sql://127.0.0.1:" + server.flightPort() + "/?useEncryption=false");
                    ResultSet rs = connection.getMetaData().getTables(null, "odf", "%", null)) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            return names;
        });
    }

    /** The status and body of {@code GET path} on the server's HTTP port. */
    public static HttpResponse<String> httpGet(WeftServer server, String path) {
        return assertTimeoutPreemptively(DEADLINE, () -> HttpClient.newBuilder().connectTimeout(DEADLINE).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static long jdbc(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("No rows from " + sql);
            }
            return rs.getLong(1);
        }
    }
}
