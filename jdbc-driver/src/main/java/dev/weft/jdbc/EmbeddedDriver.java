package dev.weft.jdbc;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.jdbc.WeftMeta;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * A connection to a workspace in this process: its own query engine, closed with the connection. Made per connection
 * because the driver instance carries the workspace path to {@link #createMeta}.
 */
final class EmbeddedDriver extends UnregisteredDriver {
    private static final String PREFIX = "jdbc:weft:embedded:";

    private final Path workspace;
    private Workspace opened;

    EmbeddedDriver(String path) {
        this.workspace = Path.of(path.startsWith("//") ? path.substring(2) : path);
    }

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new WeftFactory(super.createFactory());
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverVersions.create();
    }

    Connection open(Properties properties) throws SQLException {
        final Path weftDir = workspace.getFileName() != null
                && workspace.getFileName().toString().equals(Workspace.DIR_NAME)
                ? workspace : workspace.resolve(Workspace.DIR_NAME);
        if (!Files.isDirectory(weftDir)) {
            throw new SQLException("No Weft workspace in " + workspace
                    + " (expected a .weft directory there); create one with `weft init`", "08001");
        }
        try {
            opened = Workspace.open(weftDir);
        } catch (WeftException e) {
            throw new SQLException(e.getMessage(), e.code().sqlState(), e);
        }
        try {
            return connect(PREFIX, properties);
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        final Workspace workspace = opened;
        final BufferAllocator allocator = new RootAllocator();
        final QueryEngine engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 0, null);
        return WeftMeta.owning(connection, engine, () -> {
            engine.close();
            allocator.close();
            workspace.close();
        });
    }
}
