package dev.weft.server.cli;

import dev.weft.odf.dataset.DamagedDataset;
import dev.weft.odf.store.Workspace;
import dev.weft.server.WeftServer;
import dev.weft.server.demo.DemoWorkspace;
import dev.weft.server.http.HealthReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weft serve}: the SQL server, until SIGTERM or Ctrl+C. */
@Command(
        mixinStandardHelpOptions = true,
        name = "serve",
        description = {
            "Serve the workspace's datasets over Arrow Flight SQL, JDBC (Avatica) and HTTP (/health, /metrics) until stopped.",
            "With --demo and no workspace, first create a demo workspace (in --workspace DIR, or ./weft-demo)."
        })
final class ServeCommand implements Callable<Integer> {
    static final String DEMO_DIR = "weft-demo";

    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--flight-port", defaultValue = "50050",
            description = "Arrow Flight SQL port (default: ${DEFAULT-VALUE}).")
    private int flightPort;

    @Option(names = "--jdbc-port", defaultValue = "8765",
            description = "Avatica JDBC port (default: ${DEFAULT-VALUE}).")
    private int jdbcPort;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "HTTP port for /health and /metrics (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--threads", defaultValue = "0",
            description = "Query engine threads per query (default: one per core).")
    private int threads;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "Query engine memory limit, e.g. 2GB "
                    + "(default: 80%% of RAM less the JVM heap, see docs/cli.md).")
    private String memoryLimit;

    @Option(names = "--demo", description = "Serve a demo workspace, creating it when there is none.")
    private boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        final PrintWriter out = spec.commandLine().getOut();
        final Workspace workspace = demo ? demoWorkspace(out) : WorkspaceLocator.open(root.workspaceOption());
        final WeftServer server;
        try {
            server = WeftServer.start(workspace,
                    new WeftServer.Config(host, flightPort, jdbcPort, httpPort, threads, memoryLimit));
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spec.commandLine().getErr().println("weft: stopping");
            try {
                server.close();
                workspace.close();
            } finally {
                stopped.countDown();
            }
        }, "weft-shutdown"));
        final HealthReport health = server.health();
        out.printf("Weft is serving %d dataset%s of workspace %s%n", health.served(), health.served() == 1 ? "" : "s",
                workspace.directory().getParent());
        for (DamagedDataset damaged : health.damaged()) {
            // The others are served; the warning in the log and /health say what is damaged.
            out.printf("  not serving damaged dataset '%s' (see /health)%n", damaged.name());
        }
        out.printf("  Arrow Flight SQL  grpc://%s:%d  (JDBC: jdbc:arrow-flight-sql://%s:%d/?useEncryption=false)%n",
                host, server.flightPort(), host, server.flightPort());
        out.printf("  JDBC (Avatica)    jdbc:avatica:remote:url=http://%s:%d;serialization=protobuf"
                + "  (or jdbc:weft://%s:%d)%n", host, server.jdbcPort(), host, server.jdbcPort());
        out.printf("  HTTP              http://%s:%d/health  http://%s:%d/metrics%n", host, server.httpPort(), host,
                server.httpPort());
        out.println("Stop with Ctrl+C (SIGTERM).");
        out.flush();
        stopped.await();
        return 0;
    }

    private Workspace demoWorkspace(PrintWriter out) {
        final Path option = root.workspaceOption();
        final Path dir = option != null ? option : Path.of("").toAbsolutePath().resolve(DEMO_DIR);
        if (Files.isDirectory(dir.resolve(Workspace.DIR_NAME))) {
            return Workspace.open(dir.resolve(Workspace.DIR_NAME));
        }
        if (option == null && hasWorkspaceAbove()) {
            return WorkspaceLocator.open(null);
        }
        return DemoWorkspace.create(dir, out);
    }

    private static boolean hasWorkspaceAbove() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(Workspace.DIR_NAME))) {
                return true;
            }
        }
        return false;
    }
}
