package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.store.Workspace;
import dev.weft.server.testing.Clients;
import dev.weft.server.testing.DamageableWorkspace;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection: one damaged dataset ({@code victim}) never takes the server down, whether the damage is there
 * when the server starts or happens while it runs. The healthy dataset stays served over every client, queries on
 * {@code victim} fail within the clients' deadline with SQLSTATE XX001 naming it, and {@code /health} and
 * {@code sys.datasets} report the damage.
 */
class DamagedDatasetTest {
    @TempDir
    Path dir;

    private Workspace workspace;
    private WeftServer server;

    /** Ways to damage {@code victim}: the same at start-up and while running, except where a running server differs. */
    enum Damage {
        /** A block of the chain no longer hashes to its name (while running: the head moves to such a block). */
        CORRUPT_BLOCK {
            @Override
            Path beforeStart(DamageableWorkspace fixture, Workspace workspace) {
                return fixture.corruptHeadBlock(workspace);
            }

            @Override
            Path whileRunning(DamageableWorkspace fixture, Workspace workspace) {
                // A block already read stays cached (blocks never change), so the damage a running server meets is
                // a head that moves to a damaged block.
                return fixture.moveHeadToCorruptBlock(workspace);
            }
        },
        /** {@code refs/head} is not a hash. */
        CORRUPT_HEAD {
            @Override
            Path beforeStart(DamageableWorkspace fixture, Workspace workspace) {
                return fixture.corruptHead(workspace);
            }
        },
        /** A data slice file is gone. */
        MISSING_SLICE {
            @Override
            Path beforeStart(DamageableWorkspace fixture, Workspace workspace) {
                return fixture.deleteSlice(workspace);
            }
        },
        /** One byte of a data slice file changed; its size did not. */
        FLIPPED_SLICE_BYTE {
            @Override
            Path beforeStart(DamageableWorkspace fixture, Workspace workspace) {
                return fixture.flipSliceByte(workspace);
            }
        };

        abstract Path beforeStart(DamageableWorkspace fixture, Workspace workspace);

        Path whileRunning(DamageableWorkspace fixture, Workspace workspace) {
            return beforeStart(fixture, workspace);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        workspace.close();
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aServerStartedOnADamagedDatasetServesTheOthers(Damage damage) {
        final DamageableWorkspace fixture = DamageableWorkspace.create(dir.resolve("ws"));
        workspace = fixture.open();
        final Path damaged = damage.beforeStart(fixture, workspace);
        server = start();
        assertDamageIsContained(damaged);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damageWhileServingIsContained(Damage damage) {
        final DamageableWorkspace fixture = DamageableWorkspace.create(dir.resolve("ws"));
        workspace = fixture.open();
        server = start();
        assertThat(Clients.flightJdbc(server, "SELECT count(*) FROM victim"))
                .isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
        assertThat(Clients.httpGet(server, "/health").body()).contains("\"status\":\"ok\"", "\"damaged\":[]");

        final Path damaged = damage.whileRunning(fixture, workspace);
        assertDamageIsContained(damaged);
    }

    private WeftServer start() {
        return WeftServer.start(workspace, new WeftServer.Config("127.0.0.1", 0, 0, 0, 1, "256MB"));
    }

    private void assertDamageIsContained(Path damaged) {
        // Connecting tools list the tables first: a damaged dataset must not break that for the others.
        assertThat(Clients.flightJdbcTables(server)).contains("healthy");
        assertThat(Clients.flightJdbc(server, "SELECT count(*) FROM healthy"))
                .isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);
        assertThat(Clients.avatica(server, "SELECT count(*) FROM healthy"))
                .isEqualTo(DamageableWorkspace.ROWS_PER_DATASET);

        // Not the warm-up query of a running server: results are cached by the heads they read, and that one was
        // computed before the damage, from intact data.
        assertThatThrownBy(() -> Clients.avatica(server, "SELECT sum(\"offset\") FROM victim"))
                .isInstanceOf(SQLException.class).hasMessageContaining("victim")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("XX001"));
        assertThatThrownBy(() -> Clients.flightJdbc(server, "SELECT * FROM victim"))
                .isInstanceOf(SQLException.class).hasMessageContaining("victim").hasMessageContaining("XX001");

        final HttpResponse<String> health = Clients.httpGet(server, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"degraded\"", "\"served\":1", "\"dataset\":\"victim\"");
        if (!damaged.getFileName().toString().equals("head")) {
            // The damaged block or file is named, so an operator knows what to restore.
            assertThat(health.body()).contains(damaged.getFileName().toString());
        }

        assertThat(Clients.flightJdbc(server, "SELECT count(*) FROM sys.datasets WHERE name = 'healthy' "
                + "AND status = 'ok'")).isEqualTo(1);
        assertThat(Clients.flightJdbc(server, "SELECT count(*) FROM sys.datasets WHERE name = 'victim' "
                + "AND status LIKE '%victim%'")).isEqualTo(1);
    }
}
