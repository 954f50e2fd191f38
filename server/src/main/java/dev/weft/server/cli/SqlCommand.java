package dev.weft.server.cli;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.meta.CatalogMetadata;
import dev.weft.calcite.meta.TableInfo;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.store.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weft sql}: SQL over the workspace in this process, no server needed. */
@Command(
        mixinStandardHelpOptions = true,
        name = "sql",
        description = {
            "Run SQL over the workspace's datasets without a server.",
            "With -c, run one statement; otherwise an interactive shell on a terminal (history, \\d to list tables,"
                    + " \\q to quit), or the ;-separated statements read from standard input."
        })
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    private WeftCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "The statement to run.")
    private String command;

    @Option(names = {"-o", "--output"}, defaultValue = "table",
            description = "Output format: table or csv (default: ${DEFAULT-VALUE}).")
    private String output;

    @Option(names = "--max-rows", defaultValue = "1000",
            description = "Rows shown in table output; the rest are counted (default: ${DEFAULT-VALUE}).")
    private int maxRows;

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("csv")) {
            throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                    "unknown output format '" + output + "'; use table or csv");
        }
        try (Workspace workspace = WorkspaceLocator.open(root.workspaceOption());
                RootAllocator allocator = new RootAllocator();
                QueryEngine engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 0, null)) {
            if (command != null) {
                run(engine, command);
                return 0;
            }
            return System.console() != null ? shell(engine) : script(engine);
        }
    }

    /** Runs one statement and prints its result. */
    private void run(QueryEngine engine, String sql) {
        final PrintWriter out = spec.commandLine().getOut();
        final long started = System.nanoTime();
        try (QueryResult result = engine.execute(sql)) {
            final List<Field> fields = result.schema().getFields();
            final String[] header = fields.stream().map(Field::getName).toArray(String[]::new);
            final TextTable table = new TextTable(header);
            long rows = 0;
            if (output.equals("csv")) {
                out.println(csvLine(header));
            }
            final VectorSchemaRoot root = result.root();
            while (result.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++, rows++) {
                    final String[] cells = new String[fields.size()];
                    final List<FieldVector> vectors = root.getFieldVectors();
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = SqlValues.text(vectors.get(c), r);
                    }
                    if (output.equals("csv")) {
                        out.println(csvLine(cells));
                    } else if (rows < maxRows) {
                        for (int c = 0; c < cells.length; c++) {
                            cells[c] = cells[c] == null ? "NULL" : cells[c];
                        }
                        table.row(cells);
                    }
                }
            }
            if (output.equals("table")) {
                table.print(out);
                final long millis = (System.nanoTime() - started) / 1_000_000;
                out.printf("(%d row%s%s, %d ms)%n", rows, rows == 1 ? "" : "s",
                        rows > maxRows ? ", " + maxRows + " shown" : "", millis);
            }
            out.flush();
        }
    }

    private int shell(QueryEngine engine) {
        final PrintWriter err = spec.commandLine().getErr();
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            final LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".weft_sql_history"))
                    .build();
            final PrintWriter out = spec.commandLine().getOut();
            out.println("Weft SQL shell. End statements with ';'. \\d lists tables, \\d NAME describes one, \\q quits.");
            out.flush();
            final StringBuilder statement = new StringBuilder();
            while (true) {
                final String line;
                try {
                    line = reader.readLine(statement.length() == 0 ? "weft> " : "   -> ");
                } catch (UserInterruptException e) {
                    statement.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                final String trimmed = line.trim();
                if (statement.length() == 0 && trimmed.startsWith("\\")) {
                    if (trimmed.equals("\\q")) {
                        return 0;
                    }
                    metaCommand(engine, trimmed);
                    continue;
                }
                statement.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    runReporting(engine, statement.toString(), err);
                    statement.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int script(QueryEngine engine) {
        final PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String statement : SqlScript.split(in)) {
            if (!runReporting(engine, statement, err)) {
                failures++;
            }
        }
        return failures == 0 ? 0 : ErrorCode.SQL_INVALID.exitCode();
    }

    private boolean runReporting(QueryEngine engine, String sql, PrintWriter err) {
        try {
            run(engine, sql);
            return true;
        } catch (WeftException e) {
            err.println("ERROR [" + e.code().sqlState() + "]: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private void metaCommand(QueryEngine engine, String command) {
        final String argument = command.substring(2).trim();
        if (!command.startsWith("\\d")) {
            spec.commandLine().getErr().println("Unknown command " + command + "; try \\d, \\d NAME or \\q");
            return;
        }
        if (argument.isEmpty()) {
            runReporting(engine, "SELECT name, kind, records, last_updated FROM sys.datasets ORDER BY name",
                    spec.commandLine().getErr());
            return;
        }
        final TextTable columns = new TextTable("column", "type", "nullable");
        final TableInfo table = CatalogMetadata.tables(engine.snapshot()).stream()
                .filter(t -> t.name().equalsIgnoreCase(argument) || (t.schema() + "." + t.name())
                        .equalsIgnoreCase(argument))
                .findFirst().orElse(null);
        if (table == null) {
            spec.commandLine().getErr().println("No table named " + argument + "; \\d lists them");
            return;
        }
        for (RelDataTypeField field : table.rowType().getFieldList()) {
            columns.row(field.getName(), field.getType().getFullTypeString().replace(" NOT NULL", ""),
                    field.getType().isNullable() ? "yes" : "no");
        }
        columns.print(spec.commandLine().getOut());
        if (!table.primaryKey().isEmpty()) {
            spec.commandLine().getOut().println("primary key: " + String.join(", ", table.primaryKey()));
        }
    }

    private static String csvLine(String[] cells) {
        final List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            if (cell == null) {
                quoted.add("");
            } else if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                quoted.add('"' + cell.replace("\"", "\"\"") + '"');
            } else {
                quoted.add(cell);
            }
        }
        return String.join(",", quoted);
    }
}
