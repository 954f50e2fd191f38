package dev.weft.server.cli;

import dev.weft.odf.ingest.IngestResult;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft ingest}: pushes files into a root dataset through one of its push sources, as one commit. */
@Command(mixinStandardHelpOptions = true, name = "ingest", description = {
    "Ingest files into a root dataset through its push source (AddPushSource).",
    "All files become one commit; a bad row fails the whole ingest and leaves the dataset unchanged."})
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    private String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files to ingest.")
    private List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Read the files as csv, ndjson or json (default: the source's format).")
    private String format;

    @Option(names = "--source", paramLabel = "NAME", description = "Push source to use when the dataset has several.")
    private String source;

    @Option(names = "--event-time", paramLabel = "TS",
            description = "Event time of records that carry none (RFC 3339, e.g. 2026-01-31T00:00:00Z); default: now.")
    private String eventTime;

    @Option(names = "--system-time", paramLabel = "TS", description = {
        "Testing aid: the system time of the commit (RFC 3339) instead of now, for reproducible slices and hashes.",
        "It never goes back: a time before the dataset's head gives the head's."})
    private String systemTime;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final Instant eventTimeOption = CliInstants.parse("--event-time", eventTime);
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            final IngestResult result = new PushIngester(workspace, CliInstants.commitClock(systemTime)).ingest(
                    DatasetName.of(name), files, new PushIngester.Options(source, format, eventTimeOption),
                    TerminalProgress.forTerminal(spec.commandLine().getErr()));
            if (result.offsets() == null) {
                out.printf("Read %d records; nothing new for %s (head %s)%n", result.inputRecords(), name,
                        result.head().toShortString());
            } else {
                out.printf("Ingested %d records into %s (offsets %d..%d, head %s)%n", result.records(), name,
                        result.offsets().start(), result.offsets().end(), result.head().toShortString());
            }
        }
        out.flush();
        return 0;
    }
}
