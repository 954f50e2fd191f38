package dev.weft.server.cli;

import dev.weft.odf.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft init}: creates an empty workspace. */
@Command(
        mixinStandardHelpOptions = true,
        name = "init",
        description = "Create a Weft workspace (.weft/) in the current directory or in --workspace DIR.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--exists-ok", description = "Succeed without change when the directory has a workspace already "
            + "(as kamu's `init --exists-ok`, which kamu's example scripts use).")
    private boolean existsOk;

    @Override
    public Integer call() {
        final Path dir = root.workspaceOption() != null ? root.workspaceOption() : Path.of("").toAbsolutePath();
        if (existsOk && Files.isDirectory(dir.resolve(Workspace.DIR_NAME))) {
            spec.commandLine().getOut().println("Weft workspace exists already in "
                    + dir.resolve(Workspace.DIR_NAME));
            return 0;
        }
        try (Workspace workspace = Workspace.init(dir)) {
            spec.commandLine().getOut().println("Initialized an empty Weft workspace in " + workspace.directory());
        }
        return 0;
    }
}
