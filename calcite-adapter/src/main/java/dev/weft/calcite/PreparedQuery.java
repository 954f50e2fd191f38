package dev.weft.calcite;

import dev.weft.calcite.exec.CalciteExecutor;
import dev.weft.calcite.exec.DuckDbExecutor;
import dev.weft.calcite.exec.Parameters;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.exec.RowsResult;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.temporal.TemporalRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * A statement prepared once and run any number of times: a query, an {@code EXPLAIN}, or a session setting
 * ({@code SET}/{@code RESET}). Each run of a query reads the datasets at their heads when the run starts: the plan is
 * reused while those heads (and the session's AS AT) are unchanged and re-made otherwise, and it must keep the result
 * columns announced at prepare time.
 */
public final class PreparedQuery {
    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(WeftTypeSystem.INSTANCE);

    private final QueryEngine engine;
    private final Session session;
    private final String sql;
    private final RelDataType rowType;
    private final Schema resultSchema;
    private Plan plan;

    PreparedQuery(QueryEngine engine, Session session, String sql, Plan plan) {
        this.engine = engine;
        this.session = session;
        this.sql = sql;
        this.plan = plan;
        this.rowType = resultType(plan);
        this.resultSchema = ResultTypes.arrowSchema(rowType);
    }

    private static RelDataType resultType(Plan plan) {
        switch (plan.kind()) {
            case SETTING:
                return TYPES.builder().build();
            case EXPLAIN:
            case EXPLAIN_ANALYZE:
                return TYPES.builder().add("plan", SqlTypeName.VARCHAR).build();
            default:
                return plan.rowType();
        }
    }

    public String sql() {
        return sql;
    }

    /** Whether this is a {@code SET}/{@code RESET} of a session setting (its result has no columns). */
    public boolean isSetting() {
        return plan.kind() == Plan.Kind.SETTING;
    }

    /** The result columns with their SQL types. */
    public RelDataType rowType() {
        return rowType;
    }

    /** The result columns as Arrow fields: the schema of every batch a run returns. */
    public Schema resultSchema() {
        return resultSchema;
    }

    /** The types of the {@code ?} parameters, in order. */
    public synchronized List<RelDataType> parameterTypes() {
        if (plan.parameterType() == null) {
            return List.of();
        }
        return plan.parameterType().getFieldList().stream().map(RelDataTypeField::getType).toList();
    }

    /** The parameters as Arrow fields named {@code ?1, ?2, ...} (their order). */
    public synchronized Schema parameterSchema() {
        if (plan.parameterType() == null) {
            return new Schema(List.of());
        }
        final List<RelDataTypeField> fields = plan.parameterType().getFieldList();
        return new Schema(fields.stream()
                .map(f -> ResultTypes.arrowField("?" + (f.getIndex() + 1), f.getType())).toList());
    }

    /** The SQL the vectorized engine runs for this statement, or empty when Calcite's executor runs it. */
    public synchronized Optional<String> engineSql() {
        return plan.pushable() ? Optional.of(DuckDbExecutor.sql(plan.root().rel, plan.rowType())) : Optional.empty();
    }

    /** The logical plan, the blocks AS AT chose, and the SQL the vectorized engine runs. */
    public synchronized String explain() {
        final StringBuilder text = new StringBuilder(RelOptUtil.toString(plan.root().rel));
        for (OdfTable table : plan.datasets()) {
            final DatasetView view = table.view();
            text.append("Dataset ").append(view.name()).append(": ");
            if (table.asAtBlock() == null) {
                text.append("head ").append(view.head());
            } else {
                final TemporalRewriter.Pinned pinned = plan.pinned().stream()
                        .filter(p -> p.block().equals(table.asAtBlock()) && p.dataset().equals(view.name()))
                        .findFirst().orElseThrow();
                text.append("AS AT ").append(pinned.asAt()).append(" -> block ").append(table.asAtBlock().blockHash())
                        .append(" (sequence ").append(table.asAtBlock().sequenceNumber()).append(", system time ")
                        .append(table.asAtBlock().systemTime()).append(')');
            }
            text.append(", ").append(table.slices().size()).append(" of ").append(view.slices().slices().size())
                    .append(" slice files\n");
            for (var slice : table.slices()) {
                text.append("  ").append(view.dataFile(slice)).append(" (offsets ").append(slice.offsets().start())
                        .append("..").append(slice.offsets().end()).append(")\n");
            }
        }
        return text + engineSql().map(sql -> "Vectorized engine SQL:\n" + sql)
                .orElse("Runs in Calcite's executor (reads system tables).");
    }

    /**
     * Runs the statement with {@code parameters} bound to its {@code ?}s.
     *
     * @throws SqlException when a parameter is missing or of the wrong type, when a dataset's schema changed so that
     *         the result columns differ, or when the run fails
     */
    public QueryResult execute(List<?> parameters) {
        return engine.onDeepStack(() -> executeHere(parameters));
    }

    private QueryResult executeHere(List<?> parameters) {
        if (plan.kind() == Plan.Kind.SETTING) {
            apply(plan.setting());
            return RowsResult.of(resultSchema, List.of(), engine.allocator(), QueryEngine.BATCH_ROWS);
        }
        final Plan current = currentPlan();
        if (current.kind() == Plan.Kind.QUERY) {
            return run(current, parameters);
        }
        final List<Object[]> lines = new ArrayList<>();
        explain().lines().forEach(line -> lines.add(new Object[] {line}));
        if (current.kind() == Plan.Kind.EXPLAIN_ANALYZE) {
            final long start = System.nanoTime();
            long rows = 0;
            try (QueryResult result = run(current, parameters)) {
                while (result.loadNextBatch()) {
                    rows += result.root().getRowCount();
                }
            }
            lines.add(new Object[] {"Rows: " + rows});
            lines.add(new Object[] {String.format(Locale.ROOT, "Execution time: %.1f ms",
                    (System.nanoTime() - start) / 1e6)});
        }
        return RowsResult.of(resultSchema, lines, engine.allocator(), QueryEngine.BATCH_ROWS);
    }

    private QueryResult run(Plan current, List<?> parameters) {
        if (parameters.size() != current.parameterType().getFieldCount()) {
            throw new SqlException(ErrorCode.SQL_INVALID, "The statement has "
                    + current.parameterType().getFieldCount() + " parameter(s), " + parameters.size()
                    + " value(s) were bound", 0, 0, null);
        }
        final RelNode bound = Parameters.bind(current.root().rel, parameters, session.user());
        if (current.pushable()) {
            engine.countFilesRead(current.datasets().stream().mapToLong(t -> t.slices().size()).sum());
            try {
                return DamagedSlices.checked(DuckDbExecutor.start(engine.duckDb(), bound, rowType, resultSchema,
                        engine.allocator(), QueryEngine.BATCH_ROWS), current.datasets(), engine::reportDamagedFile);
            } catch (WeftException e) {
                throw DamagedSlices.explain(e, current.datasets(), engine::reportDamagedFile);
            }
        }
        return CalciteExecutor.start(bound, outputCollation(current.root()), current.schema(), resultSchema,
                engine.allocator(), QueryEngine.BATCH_ROWS);
    }

    /**
     * The result's order in terms of its own columns. A query may sort by a column it does not return
     * ({@code SELECT name ... ORDER BY kind}); then the sort inside the plan orders the rows and none is demanded of
     * the result.
     */
    private static RelCollation outputCollation(RelRoot root) {
        final List<RelFieldCollation> keys = new ArrayList<>();
        for (RelFieldCollation key : root.collation.getFieldCollations()) {
            final int output = root.fields.leftList().indexOf(key.getFieldIndex());
            if (output < 0) {
                return RelCollations.EMPTY;
            }
            keys.add(key.withFieldIndex(output));
        }
        return RelCollations.of(keys);
    }

    private void apply(SqlSetOption setting) {
        final String name = String.join(".", setting.getName().names);
        if (setting.getValue() == null) {
            if (name.equalsIgnoreCase("all")) {
                session.resetAll();
            } else {
                session.set(name, null);
            }
            return;
        }
        session.set(name, text(setting.getValue()));
    }

    private static String text(SqlNode value) {
        if (value instanceof SqlLiteral literal) {
            final Object raw = literal.getValue();
            return raw instanceof NlsString nls ? nls.getValue() : literal.toValue();
        }
        return value.toString();
    }

    private synchronized Plan currentPlan() {
        final CatalogSnapshot now = engine.snapshot();
        if (plan.pushable() && plan.sessionAsAt() == session.asAt() && unchanged(plan, now)) {
            return plan;
        }
        final Plan replanned = engine.plan(sql, now, session);
        if (!replanned.rowType().getFullTypeString().equals(plan.rowType().getFullTypeString())) {
            throw new SqlException(ErrorCode.SQL_INVALID, "The result columns of this statement changed since it "
                    + "was prepared (a dataset's schema changed): was " + plan.rowType().getFullTypeString()
                    + ", now " + replanned.rowType().getFullTypeString() + "; prepare it again", 0, 0, null);
        }
        plan = replanned;
        return replanned;
    }

    private static boolean unchanged(Plan plan, CatalogSnapshot now) {
        for (OdfTable table : plan.datasets()) {
            final Optional<DatasetView> current = now.find(table.view().name());
            if (current.isEmpty() || !current.get().head().equals(table.view().head())) {
                return false;
            }
        }
        return true;
    }
}
