package dev.weft.server.cli;

import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "DatasetSnapshot YAML files.")
    private List<Path> manifests;

    @Override
    public Integer call() {
        final List<DatasetSnapshot> snapshots = new ArrayList<>();
        for (Path manifest : manifests) {
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
}
