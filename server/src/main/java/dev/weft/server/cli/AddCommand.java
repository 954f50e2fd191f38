package dev.weft.server.cli;

import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft add}: creates datasets from DatasetSnapshot manifests, all or none. */
@Command(mixinStandardHelpOptions = true, name = "add", description = {
    "Create datasets from DatasetSnapshot manifests (ODF YAML).",
    "All manifests are checked before anything is written: one bad manifest adds nothing."})
final class AddCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = {
        "DatasetSnapshot YAML files; with -r also directories."})
    private List<Path> manifests;

    @Option(names = {"-r", "--recursive"}, description = {
        "Add every .yaml and .yml file in the given directories and their sub-directories (hidden ones skipped),",
        "as `kamu add -r .` does in kamu's example projects."})
    private boolean recursive;

    @Override
    public Integer call() {
        final List<DatasetSnapshot> snapshots = new ArrayList<>();
        for (Path manifest : manifestFiles()) {
            snapshots.add(ManifestParser.parse(manifest));
        }
        final PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            for (SnapshotInstaller.Installed dataset : new SnapshotInstaller(workspace, Clock.systemUTC())
                    .install(snapshots)) {
                out.printf("Added %s (%s, %d blocks, head %s)%n", dataset.name(),
                        dataset.kind().odfName().toLowerCase(java.util.Locale.ROOT), dataset.blocks(),
                        dataset.head().toShortString());
            }
        }
        return 0;
    }

    /** The manifest files named, with directories replaced by the YAML files in them (in path order) under -r. */
    private List<Path> manifestFiles() {
        final List<Path> files = new ArrayList<>();
        for (Path path : manifests) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            if (!recursive) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Cannot add " + path + ": it is a directory; "
                        + "give -r to add the manifests in it and its sub-directories");
            }
            final List<Path> found = yamlFilesUnder(path);
            if (found.isEmpty()) {
                throw new WeftException(ErrorCode.NOT_FOUND, "Cannot add " + path + ": no .yaml or .yml file in it "
                        + "or its sub-directories");
            }
            files.addAll(found);
        }
        return files;
    }

    private static List<Path> yamlFilesUnder(Path dir) {
        final List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path subDir, BasicFileAttributes attributes) {
                    // .weft/ (and .kamu/, .git/) hold a workspace's own files, never manifests to add.
                    return !subDir.equals(dir) && subDir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    final String name = file.getFileName().toString();
                    if (attributes.isRegularFile() && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot list the manifests under " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(found);
        return found;
    }
}
