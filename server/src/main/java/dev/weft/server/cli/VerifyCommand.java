package dev.weft.server.cli;

import dev.weft.odf.chain.ChainValidator;
import dev.weft.odf.chain.ValidationReport;
import dev.weft.odf.chain.Violation;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code weft verify}: checks block hashes, chain rules and data file hashes. */
@Command(mixinStandardHelpOptions = true, name = "verify", description = {
    "Check the hashes and chain rules of datasets.",
    "Checks block hashes, links, sequence numbers, system times, watermarks, contiguous offsets,",
    "and the hashes and sizes of data and checkpoint files."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1", exclusive = true)
    private DatasetSelection selection;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption())) {
            for (DatasetName name : selection.resolve(workspace::datasetNames)) {
                final ValidationReport report = new ChainValidator(workspace.dataset(name)).validate();
                if (report.isValid()) {
                    out.printf("%s: ok (%d blocks, head %s)%n", name, report.blocksChecked(),
                            report.head().map(Object::toString).orElse("none"));
                } else {
                    failed++;
                    for (Violation violation : report.violations()) {
                        err.printf("weft: %s: %s%n", name, violation);
                    }
                }
            }
        }
        out.flush();
        if (failed > 0) {
            err.printf("weft: %d dataset(s) failed verification%n", failed);
            return ErrorCode.CORRUPTED.exitCode();
        }
        return 0;
    }
}
