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
    void badUrlsFailClearly(@TempDir Path empty) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft:file:" + empty))
                .isInstanceOf(SQLException.class).hasMessageContaining("No Weft workspace in " + empty);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:weft://"))
                .isInstanceOf(SQLException.class).hasMessageContaining("jdbc:weft://host:port");
    }
}
