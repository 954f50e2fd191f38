package dev.weft.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.jdbc.WeftMeta;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.JdbcRows;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void badUrlsFailClearly(@TempDir Path empty) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft:file:" + empty))
                .isInstanceOf(SQLException.class).hasMessageContaining("No Weft workspace in " + empty);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft://"))
                .isInstanceOf(SQLException.class).hasMessageContaining("jdbc:weft://host:port");
    }
}
