package dev.weft.server.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for tests: {@code initdb} in a fresh temporary directory, then {@code pg_ctl start}
 * on a free loopback port, both as the {@code postgres} system user when this JVM runs as root (initdb refuses to run
 * as root). {@link #close()} stops the server and removes the directory. Starting fails with an
 * {@link IllegalStateException} that says what is missing or what the server printed; it never skips.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";

    private final Path dir;
    private final Path binDir;
    private final int port;
    private final boolean asPostgresUser;
    /** Stops the server if the JVM exits (or is terminated) before {@link #close()}. */
    private final Thread stopAtExit = new Thread(this::stopQuietly, "postgres-stop");

    private PostgresServer(Path dir, Path binDir, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.binDir = binDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Initialises and starts a new cluster; takes a few seconds. */
    public static PostgresServer start() {
        final Path binDir = findBinDir();
        final boolean root = "root".equals(System.getProperty("user.name"));
        final Path dir;
        try {
            dir = Files.createTempDirectory("weft-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final PostgresServer server = new PostgresServer(dir, binDir, freePort(), root);
        try {
            if (root) {
                server.run(List.of("chown", "-R", SUPERUSER, dir.toString()), false);
            }
            server.run(List.of(binDir.resolve("initdb").toString(), "-D", server.dataDir().toString(), "-U",
                    SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C"), root);
            server.run(List.of(binDir.resolve("pg_ctl").toString(), "-D", server.dataDir().toString(), "-l",
                    dir.resolve("server.log").toString(), "-o",
                    "-p " + server.port + " -k " + dir + " -h 127.0.0.1 -c fsync=off -c timezone=UTC", "-w",
                    "start"), root);
        } catch (RuntimeException e) {
            server.removeDirectory();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(server.stopAtExit);
        return server;
    }

    /** A JDBC URL of {@code database} on this server, for the superuser (trust authentication, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** Opens a connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    /** Creates an empty database named {@code name} (a plain identifier). */
    public void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    public int port() {
        return port;
    }

    /** The temporary directory holding the cluster, removed by {@link #close()}. */
    Path directory() {
        return dir;
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // The JVM is exiting: nothing is left to report to.
        }
    }

    private void stop() {
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-m", "immediate", "-w",
                    "stop"), asPostgresUser);
        } finally {
            removeDirectory();
        }
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that holds {@code initdb}. */
    private static Path findBinDir() {
        final Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                final List<Path> found = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion).reversed())
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Cannot start PostgreSQL: no /usr/lib/postgresql/*/bin/initdb on this machine "
                + "(scripts/test-all.sh installs Debian's 'postgresql' package where it is missing)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command (as the postgres user when asked) and fails with its output when it does not exit with 0. */
    private void run(List<String> command, boolean asPostgres) {
        final List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("su", SUPERUSER, "-s", "/bin/sh", "-c", shellQuote(command)));
        } else {
            full.addAll(command);
        }
        try {
            final Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot start PostgreSQL: " + command.get(0) + " did not finish in 2 min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Cannot start PostgreSQL: '" + String.join(" ", full) + "' exited with "
                        + process.exitValue() + ":\n" + output + serverLog());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL: cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private String serverLog() {
        final Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String shellQuote(List<String> command) {
        final StringBuilder out = new StringBuilder();
        for (String word : command) {
            out.append(out.length() == 0 ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return out.toString();
    }

    private void removeDirectory() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the PostgreSQL directory " + dir, e);
        }
    }
}
