package dev.weft.server.cli;

import dev.weft.odf.chain.ChainBlock;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.BlockYamlWriter;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft log}: prints a dataset's metadata chain, newest block first. */
@Command(
        mixinStandardHelpOptions = true,
        name = "log",
        description = "Show the metadata chain of a dataset, newest block first.")
final class LogCommand implements Callable<Integer> {
    /** Output formats of {@code weft log}. */
    enum Format { text, yaml }

    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Dataset name.")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line per block) or yaml (full blocks, as `kamu log -o yaml`). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show only the N newest blocks.")
    private Long limit;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption());
                Stream<ChainBlock> blocks = new StoreMetadataChain(workspace.dataset(DatasetName.of(name))).blocks()) {
            final Iterator<ChainBlock> it = (limit == null ? blocks : blocks.limit(limit)).iterator();
            boolean first = true;
            while (it.hasNext()) {
                final ChainBlock block = it.next();
                if (format == Format.yaml) {
                    if (!first) {
                        out.println("---");
                    }
                    out.print(BlockYamlWriter.write(block.block()));
                } else {
                    out.printf("#%-4d %s  %s  %-16s %s%n",
                            block.sequenceNumber(),
                            block.hash(),
                            TextTable.instant(block.block().systemTime()),
                            block.block().event().kind(),
                            EventSummary.describe(block.block().event()));
                }
                first = false;
            }
        }
        out.flush();
        return 0;
    }
}
