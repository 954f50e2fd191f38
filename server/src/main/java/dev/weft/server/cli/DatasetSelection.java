package dev.weft.server.cli;

import dev.weft.odf.store.DatasetName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The datasets a command works on: named ones, or {@code --all} of those it applies to. */
final class DatasetSelection {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Datasets by name.")
    private List<String> names;

    @Option(names = "--all", description = "Every dataset of the workspace the command applies to.")
    private boolean all;

    /** Whether {@code --all} was given. */
    boolean all() {
        return all;
    }

    /** The named datasets, or {@code everything} with {@code --all}. */
    List<DatasetName> resolve(Supplier<List<DatasetName>> everything) {
        if (all) {
            return everything.get();
        }
        final List<DatasetName> out = new ArrayList<>();
        names.forEach(name -> out.add(DatasetName.of(name)));
        return out;
    }
}
