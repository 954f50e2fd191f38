package dev.weft.server.cli;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code weft} command line: workspace management, ingest, SQL and the server. */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        description = "SQL server for Open Data Fabric datasets.",
        subcommands = {
            InitCommand.class,
            AddCommand.class,
            IngestCommand.class,
            PullCommand.class,
            ListCommand.class,
            LogCommand.class,
            VerifyCommand.class,
            SqlCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WeftCommand {
    @Option(
            names = "--workspace",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Workspace directory (holding .weft/); default: the nearest .weft/ upwards from here.")
    private Path workspace;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    private boolean verbose;

    /** The directory given with {@code --workspace}, or null to discover one from the working directory. */
    Path workspaceOption() {
        return workspace;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        final WeftCommand root = new WeftCommand();
        final CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> reportFailure(e, commandLine, root.verbose));
        cli.setParameterExceptionHandler((e, args1) -> {
            final PrintWriter stderr = e.getCommandLine().getErr();
            stderr.println("weft: " + e.getMessage());
            stderr.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ErrorCode.INVALID_ARGUMENT.exitCode();
        });
        return cli.execute(args);
    }

    private static int reportFailure(Exception e, CommandLine commandLine, boolean verbose) {
        final PrintWriter err = commandLine.getErr();
        if (e instanceof WeftException weft) {
            err.println("weft: " + weft.getMessage());
            if (verbose) {
                weft.printStackTrace(err);
            }
            return weft.code().exitCode();
        }
        err.println("weft: internal error: " + e);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace; please report it)");
        }
        return ErrorCode.INTERNAL.exitCode();
    }
}
