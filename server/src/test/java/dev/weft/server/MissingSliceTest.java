package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.store.Workspace;
import dev.weft.server.testing.Clients;
import dev.weft.server.testing.DamageableWorkspace;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.arrow.adbc.core.AdbcException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query that reads a deleted slice file fails promptly with SQLSTATE XX001 over every client (it used to leave
 * Flight SQL clients waiting forever), and the server keeps answering other queries.
 */
class MissingSliceTest {
    private static final String VICTIM_COUNT = "SELECT count(*) FROM victim";
    private static final String HEALTHY_COUNT = "SELECT count(*) FROM healthy";

    @TempDir
    Path dir;

    private Workspace workspace;
    private WeftServer server;
    private Path deleted;

    @BeforeEach
    void serveWithAMissingSlice() {
        final DamageableWorkspace fixture = DamageableWorkspace.create(dir.resolve("ws"));
        workspace = fixture.open();
        server = WeftServer.start(workspace, new WeftServer.Config("127.0.0.1", 0, 0, 0, 1, "256MB"));
        deleted = fixture.deleteSlice(workspace);
    }

    @AfterEach
    void stop() {
        server.close();
        workspace.close();
    }

    @Test
    void flightSqlJdbcQueryFailsWithDataLossAndTheServerKeepsAnswering() {
        assertThatThrownBy(() -> Clients.flightJdbc(server, VICTIM_COUNT))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("XX001").hasMessageContaining("victim")
                .hasMessageContaining(deleted.getFileName().toString());
        assertThat(Clients.flightJdbc(server, HEALTHY_COUNT)).isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
    }

    @Test
    void adbcQueryFailsWithDataLossAndTheServerKeepsAnswering() {
        assertThatThrownBy(() -> Clients.adbc(server, VICTIM_COUNT))
                .isInstanceOf(AdbcException.class)
                .hasMessageContaining("XX001").hasMessageContaining("victim");
        assertThat(Clients.adbc(server, HEALTHY_COUNT)).isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
    }

    @Test
    void avaticaQueryFailsWithDataLossWithoutServerStackTraces() {
        assertThatThrownBy(() -> Clients.avatica(server, VICTIM_COUNT))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("victim")
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("XX001");
                    assertThat(e).isInstanceOf(AvaticaSqlException.class);
                    // Avatica sends the server's printed exceptions along; they must not show our stack frames.
                    assertThat(((AvaticaSqlException) e).getStackTraces())
                            .isNotEmpty().noneMatch(trace -> trace.contains("\tat "));
                });
        assertThat(Clients.avatica(server, HEALTHY_COUNT)).isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
    }
}
