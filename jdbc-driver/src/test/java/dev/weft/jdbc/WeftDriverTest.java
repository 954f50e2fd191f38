package dev.weft.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.jdbc.WeftMeta;
import dev.weft.calcite.meta.WeftVersion;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.JdbcRows;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both kinds of Weft URL, through {@link DriverManager} as a JDBC tool loads the driver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeftDriverTest {
    private Path workspaceDir;
    private Workspace workspace;
    private RootAllocator allocator;
    private QueryEngine engine;
    private HttpServer server;

    @BeforeAll
    void createWorkspaceAndServer(@TempDir Path dir) {
        workspaceDir = dir.resolve("tpch");
        workspace = TpchWorkspace.create(workspaceDir, 0.01);
        allocator = new RootAllocator();
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 2, null);
        server = new HttpServer.Builder<>().withHandler(new LocalService(new WeftMeta(engine)),
                Serialization.PROTOBUF).withPort(0).build();
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop();
        engine.close();
        allocator.close();
        workspace.close();
    }

    @Test
    void remoteUrlsReachAServerAndReportWeft() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:weft://127.0.0.1:" + server.getPort())) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("Weft");
            assertThat(connection.getMetaData().getDriverName()).isEqualTo("Weft JDBC Driver");
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(TpchAnswers.sql("q01"))) {
                TpchAnswers.assertMatches("q01", JdbcRows.read(rs));
            }
        }
    }

    @Test
    void fileUrlsQueryAWorkspaceInProcess() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:weft:file:" + workspaceDir)) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("Weft");
            try (ResultSet tables = connection.getMetaData().getTables(null, "odf", "%", null)) {
                final List<String> names = new ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME"));
                }
                assertThat(names).contains("lineitem", "nation", "region");
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(TpchAnswers.sql("q06"))) {
                TpchAnswers.assertMatches("q06", JdbcRows.read(rs));
            }
        }
    }

    @Test
    @Timeout(120)
    void fileUrlsReadAHundredThousandRowsFrameByFrame() throws SQLException {
        // 15,000 orders times the 7 nations with keys 0..6: 105,000 rows, so well over one frame.
        try (Connection connection = DriverManager.getConnection("jdbc:weft:file:" + workspaceDir);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT o_orderkey, n_nationkey FROM orders CROSS JOIN nation "
                        + "WHERE n_nationkey < 7")) {
            long rows = 0;
            long nationKeys = 0;
            while (rs.next()) {
                rows++;
                nationKeys += rs.getLong(2);
                assertThat(rs.getLong(1)).isPositive();
            }
            assertThat(rows).isEqualTo(105_000);
            assertThat(nationKeys).isEqualTo(15_000L * (0 + 1 + 2 + 3 + 4 + 5 + 6));
        }
    }

    @Test
    @Timeout(60)
    void fileUrlErrorsCarryTheMessageAndSqlState() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:weft:file:" + workspaceDir);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table")
                    .hasMessageNotContaining(": null")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
            try (PreparedStatement prepared = connection.prepareStatement("SELECT no_such_column FROM nation")) {
                throw new AssertionError("prepared a statement naming no column: " + prepared);
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42703");
                assertThat(e.getMessage()).contains("no_such_column");
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "remote"})
    @Timeout(60)
    void everyDatabaseMetaDataCallAnswersWithoutFailing(String kind) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(kind))) {
            final DatabaseMetaData metaData = connection.getMetaData();
            final List<String> failures = new ArrayList<>();
            int called = 0;
            for (Method method : DatabaseMetaData.class.getMethods()) {
                final Object[] arguments = simpleArguments(method);
                if (arguments == null || method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    continue;
                }
                called++;
                try {
                    final Object answer = method.invoke(metaData, arguments);
                    if (answer instanceof ResultSet rs) {
                        try (rs) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof SQLFeatureNotSupportedException)) {
                        failures.add(method.getName() + ": " + e.getCause());
                    }
                }
            }
            assertThat(called).isGreaterThan(150);
            assertThat(failures).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "remote"})
    @Timeout(60)
    void databaseMetaDataReportsLowerCaseFoldingAndWeftsVersion(String kind) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(kind))) {
            final DatabaseMetaData metaData = connection.getMetaData();
            assertThat(metaData.storesLowerCaseIdentifiers()).isTrue();
            assertThat(metaData.storesUpperCaseIdentifiers()).isFalse();
            assertThat(metaData.storesMixedCaseIdentifiers()).isFalse();
            assertThat(metaData.supportsMixedCaseIdentifiers()).isFalse();
            // Quoted names keep their case and are compared exactly: "supports", not "stores", in JDBC's terms.
            assertThat(metaData.supportsMixedCaseQuotedIdentifiers()).isTrue();
            assertThat(metaData.storesUpperCaseQuotedIdentifiers()).isFalse();
            assertThat(metaData.storesLowerCaseQuotedIdentifiers()).isFalse();
            assertThat(metaData.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(metaData.getDatabaseProductName()).isEqualTo("Weft");
            assertThat(metaData.getDatabaseProductVersion()).isEqualTo(WeftVersion.VERSION);
            assertThat(metaData.getDatabaseMajorVersion()).isEqualTo(WeftVersion.MAJOR);
            assertThat(metaData.getDatabaseMinorVersion()).isEqualTo(WeftVersion.MINOR);
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT N_NAME FROM NATION WHERE N_NATIONKEY = 0")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("n_name");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "remote", "avatica"})
    @Timeout(60)
    void setSchemaResolvesUnqualifiedNamesInThatSchema(String kind) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(kind));
                Statement statement = connection.createStatement()) {
            assertThat(connection.getSchema()).isEqualTo("odf");
            connection.setSchema("sys");
            assertThat(connection.getSchema()).isEqualTo("sys");
            try (ResultSet unqualified = statement.executeQuery("SELECT count(*) FROM datasets");
                    Statement other = connection.createStatement();
                    ResultSet qualified = other.executeQuery("SELECT count(*) FROM sys.datasets")) {
                assertThat(unqualified.next() && qualified.next()).isTrue();
                assertThat(unqualified.getLong(1)).isEqualTo(qualified.getLong(1)).isEqualTo(8);
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM nation"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM odf.nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
            connection.setSchema("no_such_schema");
            assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM nation"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("nation")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            connection.setSchema("ODF");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM nation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(25);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "remote"})
    @Timeout(60)
    void datesAndTimestampsReadAndBindAsJavaTime(String kind) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(kind));
                PreparedStatement statement = connection.prepareStatement("SELECT DATE '1995-03-15' AS d, "
                        + "TIMESTAMP '1995-03-15 12:34:56' AS ts, CAST(? AS DATE) AS pd, "
                        + "CAST(? AS TIMESTAMP) AS pts")) {
            statement.setObject(1, LocalDate.of(2001, 2, 3));
            statement.setObject(2, LocalDateTime.of(2001, 2, 3, 4, 5, 6));
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(1995, 3, 15));
                assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1995, 3, 15, 12, 34, 56));
                assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(LocalDate.of(2001, 2, 3));
                assertThat(rs.getObject(4, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2001, 2, 3, 4, 5, 6));
            }
        }
    }

    /** Avatica's own driver has no java.time support on its client side; the documented way round it works. */
    @Test
    @Timeout(60)
    void avaticasDriverReadsAndBindsDatesThroughAUtcCalendar() throws SQLException {
        final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url("avatica"));
                PreparedStatement statement = connection.prepareStatement("SELECT CAST(? AS DATE) AS pd, "
                        + "CAST(? AS TIMESTAMP) AS pts")) {
            // Against a UTC calendar the values are the epoch's days and milliseconds, whatever the JVM's zone.
            final LocalDateTime dateTime = LocalDateTime.of(2001, 2, 3, 4, 5, 6);
            statement.setDate(1, new java.sql.Date(LocalDate.of(2001, 2, 3).toEpochDay() * 86_400_000L), utc);
            statement.setTimestamp(2, java.sql.Timestamp.from(dateTime.toInstant(ZoneOffset.UTC)), utc);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(LocalDate.ofEpochDay(Math.floorDiv(rs.getDate(1, utc).getTime(), 86_400_000L)))
                        .isEqualTo(LocalDate.of(2001, 2, 3));
                assertThat(LocalDateTime.ofInstant(rs.getTimestamp(2, utc).toInstant(), ZoneOffset.UTC))
                        .isEqualTo(dateTime);
            }
        }
    }

    private String url(String kind) {
        return switch (kind) {
            case "file" -> "jdbc:weft:file:" + workspaceDir;
            case "remote" -> "jdbc:weft://127.0.0.1:" + server.getPort();
            default -> "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=protobuf";
        };
    }

    /** Arguments for a metadata call taking nothing, names and patterns (all null) or a JDBC constant; else null. */
    private static Object[] simpleArguments(Method method) {
        final Class<?>[] types = method.getParameterTypes();
        final Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == String.class || types[i] == String[].class || types[i] == int[].class) {
                arguments[i] = null;
            } else if (types[i] == int.class) {
                arguments[i] = method.getName().contains("ResultSetType") || method.getName().contains("Updates")
                        || method.getName().contains("Deletes") || method.getName().contains("Inserts")
                        || method.getName().equals("supportsResultSetConcurrency") && i == 0
                        ? ResultSet.TYPE_FORWARD_ONLY : method.getName().equals("supportsResultSetConcurrency")
                        ? ResultSet.CONCUR_READ_ONLY : method.getName().contains("Holdability")
                        ? ResultSet.CLOSE_CURSORS_AT_COMMIT : java.sql.Types.INTEGER;
            } else if (types[i] == boolean.class) {
                arguments[i] = false;
            } else if (types[i] == short.class) {
                arguments[i] = (short) 0;
            } else {
                return null;
            }
        }
        return arguments;
    }

    @Test
    void badUrlsFailClearly(@TempDir Path empty) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft:file:" + empty))
                .isInstanceOf(SQLException.class).hasMessageContaining("No Weft workspace in " + empty);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft://"))
                .isInstanceOf(SQLException.class).hasMessageContaining("jdbc:weft://host:port");
    }
}
