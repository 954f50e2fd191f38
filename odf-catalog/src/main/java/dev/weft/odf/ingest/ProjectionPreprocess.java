package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one kind of source {@code preprocess} step Weft runs without an engine: a SQL query that only picks, renames
 * and adds string constants to the columns it reads, {@code SELECT a, b AS c, 'USD' AS d FROM input}. Such a query
 * means the same in every engine (DataFusion, Spark, Flink), so running it here writes the data kamu would. Any other
 * query is refused with the item Weft cannot run, rather than ingesting data the manifest did not ask for.
 */
public final class ProjectionPreprocess {
    private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_]*)";
    private static final Pattern QUERY = Pattern.compile(
            "(?is)\\s*select\\s+(.+?)\\s+from\\s+(?:input|\"input\")\\s*;?\\s*");
    private static final Pattern COLUMN = Pattern.compile(
            "(?is)(" + IDENTIFIER + ")(?:\\s+(?:as\\s+)?(" + IDENTIFIER + "))?");
    private static final Pattern CONSTANT = Pattern.compile(
            "(?is)'((?:[^']|'')*)'\\s+(?:as\\s+)?(" + IDENTIFIER + ")");

    /** One column of the query's result, in result order. */
    public sealed interface Output {
        /** The column's name in the result. */
        String name();
    }

    /** An input column under its own or a new name. */
    public record InputColumn(String name, String input) implements Output {}

    /** A string constant, the same in every record. */
    public record Constant(String name, String value) implements Output {}

    private final List<Output> outputs;

    private ProjectionPreprocess(List<Output> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    public List<Output> outputs() {
        return outputs;
    }

    /**
     * Reads a preprocess step.
     *
     * @param what what cannot be done without the step and the source that has it, for messages, e.g.
     *     {@code Cannot add dataset 'x': its polling source}
     * @return null when there is no preprocess step, or it is {@code SELECT * FROM input}, which changes nothing
     * @throws WeftException {@code UNSUPPORTED} naming the {@code preprocess} field Weft cannot run
     */
    public static ProjectionPreprocess of(String what, Transform preprocess) {
        if (preprocess == null) {
            return null;
        }
        final Transform.Sql sql = (Transform.Sql) preprocess;
        if (sql.queries() != null && !sql.queries().isEmpty() || sql.temporalTables() != null
                && !sql.temporalTables().isEmpty() || sql.query() == null) {
            throw refused(what, "preprocess.queries and preprocess.temporalTables",
                    "Weft runs a preprocess step given as one preprocess.query");
        }
        final Matcher query = QUERY.matcher(sql.query());
        if (!query.matches()) {
            throw refused(what, "preprocess.query", "it is not of the form SELECT … FROM input");
        }
        if (query.group(1).strip().equals("*")) {
            return null;
        }
        final List<Output> outputs = new ArrayList<>();
        for (String item : splitTopLevel(query.group(1))) {
            outputs.add(output(what, item.strip()));
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (outputs.get(i).name().equals(outputs.get(j).name())) {
                    throw refused(what, "preprocess.query", "it names the result column '" + outputs.get(i).name()
                            + "' twice");
                }
            }
        }
        return new ProjectionPreprocess(outputs);
    }

    private static Output output(String what, String item) {
        final Matcher constant = CONSTANT.matcher(item);
        if (constant.matches()) {
            return new Constant(identifier(constant.group(2)), constant.group(1).replace("''", "'"));
        }
        final Matcher column = COLUMN.matcher(item);
        if (column.matches() && !"as".equalsIgnoreCase(column.group(2) == null ? "" : column.group(2))) {
            final String input = identifier(column.group(1));
            return new InputColumn(column.group(2) == null ? input : identifier(column.group(2)), input);
        }
        throw refused(what, "preprocess.query", "'" + item.replaceAll("\\s+", " ") + "' is neither a column, a "
                + "renamed column (column AS name) nor a string constant with a name ('text' AS name)");
    }

    /** An identifier as written: kamu's engines keep the case of unquoted identifiers (no folding to lower case). */
    private static String identifier(String text) {
        return text.startsWith("\"") ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }

    /** Splits a select list at the commas outside quotes and parentheses. */
    private static List<String> splitTopLevel(String list) {
        final List<String> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            final char c = list.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items;
    }

    private static WeftException refused(String what, String field, String why) {
        return new WeftException(ErrorCode.UNSUPPORTED, what + " has a " + field + " Weft cannot run: " + why
                + "; Weft runs only preprocess queries that select, rename and add string constants to input "
                + "columns (SELECT a, b AS c, 'text' AS d FROM input)");
    }

    /**
     * The input column the result's {@code name} column comes from, or null when it is a constant or absent.
     */
    String inputOf(String name) {
        for (Output output : outputs) {
            if (output.name().equals(name) && output instanceof InputColumn column) {
                return column.input();
            }
        }
        return null;
    }

    /**
     * Wraps a reader of the input columns so that it yields the query's result.
     *
     * @param eventTimeName the result column holding the event time, which the reader takes out of the data columns
     * @throws WeftException {@code INVALID_DATA} for a column the input does not have
     */
    RowReader apply(RowReader input, String eventTimeName, String source) {
        Objects.requireNonNull(input, "input");
        final List<IngestColumn> inputColumns = input.dataColumns();
        final List<IngestColumn> columns = new ArrayList<>();
        final int[] sources = new int[outputs.size()];
        final Object[] constants = new Object[outputs.size()];
        int n = 0;
        for (Output output : outputs) {
            if (output.name().equals(eventTimeName)) {
                if (output instanceof Constant) {
                    throw refused("Cannot ingest into " + source + ": its source", "preprocess.query", "the event time column '"
                            + eventTimeName + "' is a constant");
                }
                continue;
            }
            if (output instanceof Constant constant) {
                columns.add(new IngestColumn(constant.name(), ColumnType.STRING, false));
                sources[n] = -1;
                constants[n] = constant.value();
            } else {
                final InputColumn column = (InputColumn) output;
                final int index = resolve(inputColumns, column.input(), source);
                final IngestColumn read = inputColumns.get(index);
                columns.add(new IngestColumn(column.name(), read.type(), read.nullable()));
                sources[n] = index;
            }
            n++;
        }
        return new ProjectedRowReader(input, List.copyOf(columns), java.util.Arrays.copyOf(sources, n),
                java.util.Arrays.copyOf(constants, n));
    }

    /** The index of the named column: the same spelling first, else the only one that differs just in case. */
    private static int resolve(List<IngestColumn> columns, String name, String source) {
        final int exact = IngestColumns.indexOf(columns, name);
        if (exact >= 0) {
            return exact;
        }
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found >= 0) {
                    found = -2;
                    break;
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot run the preprocess.query of " + source
                    + ": the input has no column '" + name + "'" + (found == -2 ? " (several differ only in case)"
                    : "") + "; its columns are " + IngestColumns.names(columns));
        }
        return found;
    }

    /** A reader whose records are another reader's, with columns picked, renamed and constants added. */
    private static final class ProjectedRowReader implements RowReader {
        private final RowReader input;
        private final List<IngestColumn> columns;
        private final int[] sources;
        private final Object[] constants;

        ProjectedRowReader(RowReader input, List<IngestColumn> columns, int[] sources, Object[] constants) {
            this.input = input;
            this.columns = columns;
            this.sources = sources;
            this.constants = constants;
        }

        @Override
        public List<IngestColumn> dataColumns() {
            return columns;
        }

        @Override
        public IngestRow next() {
            final IngestRow row = input.next();
            if (row == null) {
                return null;
            }
            final Object[] values = new Object[sources.length];
            for (int i = 0; i < sources.length; i++) {
                values[i] = sources[i] < 0 ? constants[i] : row.values()[sources[i]];
            }
            return new IngestRow(row.op(), row.eventTime(), values);
        }

        @Override
        public long recordsRead() {
            return input.recordsRead();
        }

        @Override
        public long bytesRead() {
            return input.bytesRead();
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
