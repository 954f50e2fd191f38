package dev.weft.server.cli;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the workspace a command works on: {@code --workspace DIR} or the nearest {@code .weft/} upwards. */
final class WorkspaceLocator {
    private WorkspaceLocator() {}

    /**
     * Opens the workspace named by {@code option} (a directory holding {@code .weft/}, or the {@code .weft/}
     * directory itself), or discovers one from the working directory when {@code option} is null.
     */
    static Workspace open(Path option) {
        if (option == null) {
            return Workspace.discover(Path.of("").toAbsolutePath());
        }
        if (Files.isDirectory(option.resolve(Workspace.DIR_NAME))) {
            return Workspace.open(option.resolve(Workspace.DIR_NAME));
        }
        if (option.getFileName() != null
                && option.getFileName().toString().equals(Workspace.DIR_NAME)
                && Files.isDirectory(option)) {
            return Workspace.open(option);
        }
        throw new WeftException(ErrorCode.WORKSPACE,
                "no Weft workspace in " + option + "; run `weft --workspace " + option + " init` to create one");
    }
}
