package dev.weft.server.cli;

import dev.weft.odf.ingest.IngestResult;
import dev.weft.odf.ingest.PollingIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft pull}: runs the polling sources of root datasets. */
@Command(mixinStandardHelpOptions = true, name = "pull", description = {
    "Run the polling sources (SetPollingSource) of root datasets: fetch what is new and ingest it.",
    "FilesGlob paths are relative to the directory that holds the workspace's .weft/."})
final class PullCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1", exclusive = true)
    private DatasetSelection selection;

    @Option(names = "--system-time", paramLabel = "TS", description = {
        "Testing aid: the system time of every commit (RFC 3339) instead of now, for reproducible slices and hashes.",
        "It never goes back: a time before a dataset's head gives the head's."})
    private String systemTime;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            final PollingIngester ingester = new PollingIngester(workspace, CliInstants.commitClock(systemTime),
                    workspace.directory().getParent());
            for (DatasetName name : selection.resolve(ingester::datasetsWithPollingSources)) {
                final PollingIngester.PullResult result =
                        ingester.pull(name, TerminalProgress.forTerminal(spec.commandLine().getErr()));
                if (result.neverFound() != null) {
                    out.printf("%s: nothing pulled yet: %s%n", name, result.neverFound());
                } else if (result.commits().isEmpty()) {
                    out.printf("%s: up to date%n", name);
                } else {
                    final IngestResult last = result.commits().get(result.commits().size() - 1);
                    out.printf("%s: %d records in %d commit(s), head %s%n", name, result.records(),
                            result.commits().size(), last.head().toShortString());
                }
            }
            if (selection.all()) {
                for (DatasetName name : ingester.derivativeDatasets()) {
                    out.printf("%s: skipped, a derivative dataset (Weft does not run transforms yet)%n", name);
                }
            }
        }
        out.flush();
        return 0;
    }
}
