package dev.weft.server.cli;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.ingest.IngestResult;
import dev.weft.odf.ingest.PollingIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code weft pull}: runs the polling sources of root datasets, each on its own, so that one that fails (a URL out of
 * reach) is reported without keeping the others back; or, with {@code --fetch}, one source on a local file.
 */
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

    @Option(names = "--fetch", paramLabel = "FILE", description = {
        "Run the polling source of the one named dataset on FILE instead of what its fetch step names (as kamu's",
        "pull --fetch): prepare, read, preprocess and merge as declared; the source state is left as it was."})
    private Path fetchFile;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            final PollingIngester ingester = new PollingIngester(workspace, CliInstants.commitClock(systemTime),
                    workspace.directory().getParent());
            final List<DatasetName> names = selection.resolve(ingester::datasetsWithPollingSources);
            if (fetchFile != null) {
                return pullFromFile(ingester, names, out);
            }
            WeftException firstFailure = null;
            int failed = 0;
            for (DatasetName name : names) {
                try {
                    pullOne(ingester, name, out);
                } catch (WeftException e) {
                    if (names.size() == 1) {
                        throw e;
                    }
                    // One source that cannot be reached (a URL without network) must not keep the others back.
                    out.flush();
                    err.printf("weft: %s%n", e.getMessage());
                    err.flush();
                    firstFailure = firstFailure == null ? e : firstFailure;
                    failed++;
                }
            }
            if (selection.all()) {
                for (DatasetName name : ingester.derivativeDatasets()) {
                    out.printf("%s: skipped, a derivative dataset (Weft does not run transforms yet)%n", name);
                }
            }
            out.flush();
            if (firstFailure != null) {
                err.printf("weft: %d of %d dataset(s) could not be pulled%n", failed, names.size());
                err.flush();
                return firstFailure.code().exitCode();
            }
        }
        return 0;
    }

    private int pullFromFile(PollingIngester ingester, List<DatasetName> names, PrintWriter out) {
        if (names.size() != 1 || selection.all()) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT, "--fetch takes exactly one dataset name");
        }
        final IngestResult result = ingester.pullFrom(names.get(0), fetchFile,
                TerminalProgress.forTerminal(spec.commandLine().getErr()));
        out.printf("%s: %d records from %s, head %s%n", names.get(0), result.records(), fetchFile,
                result.head().toShortString());
        out.flush();
        return 0;
    }

    private void pullOne(PollingIngester ingester, DatasetName name, PrintWriter out) {
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
}
