package dev.weft.server.cli;

import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.dataset.DatasetInfo;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft list}: one line per dataset of the workspace. */
@Command(
        mixinStandardHelpOptions = true,
        name = "list", aliases = "ls",
        description = "List the datasets of the workspace.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        WeftException failure = null;
        final TextTable table = new TextTable("NAME", "KIND", "HEAD", "BLOCKS", "RECORDS", "SIZE", "UPDATED");
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            final List<DatasetName> names = workspace.datasetNames();
            for (DatasetName name : names) {
                final DatasetInfo info;
                try {
                    info = DatasetInfo.read(new StoreMetadataChain(workspace.dataset(name)));
                } catch (WeftException e) {
                    // One unreadable dataset must not hide the others: list it, report why, fail at the end.
                    failure = e;
                    spec.commandLine().getErr().println("weft: " + e.getMessage());
                    table.row(name.toString(), "?", "-", "-", "-", "-", "unreadable");
                    continue;
                }
                table.row(
                        info.name(),
                        info.kind().odfName().toLowerCase(Locale.ROOT),
                        info.head().toShortString(),
                        Long.toString(info.blocks()),
                        Long.toString(info.records()),
                        TextTable.bytes(info.dataSize()),
                        TextTable.instant(info.lastUpdated()));
            }
            if (names.isEmpty()) {
                spec.commandLine().getOut().println("No datasets yet; create some with `weft add MANIFEST.yaml`.");
            } else {
                table.print(spec.commandLine().getOut());
            }
        }
        return failure == null ? 0 : failure.code().exitCode();
    }
}
