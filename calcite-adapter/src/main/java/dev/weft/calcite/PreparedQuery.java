package dev.weft.calcite;

import dev.weft.calcite.exec.CalciteExecutor;
import dev.weft.calcite.exec.DuckDbExecutor;
import dev.weft.calcite.exec.Parameters;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A statement planned once and run any number of times. Each run reads the datasets at their heads when the run
 * starts: the plan is reused while those heads are unchanged and re-made otherwise, and it must keep the result
 * columns announced at prepare time.
 */
public final class PreparedQuery {
    private final QueryEngine engine;
    private final String sql;
    private final RelDataType rowType;
    private final Schema resultSchema;
    private Plan plan;

    PreparedQuery(QueryEngine engine, String sql, Plan plan) {
        this.engine = engine;
        this.sql = sql;
        this.plan = plan;
        this.rowType = plan.rowType();
        this.resultSchema = ResultTypes.arrowSchema(rowType);
    }

    public String sql() {
        return sql;
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
        return plan.parameterType().getFieldList().stream().map(RelDataTypeField::getType).toList();
    }

    /** The parameters as Arrow fields named {@code ?1, ?2, ...} (their order). */
    public synchronized Schema parameterSchema() {
        final List<RelDataTypeField> fields = plan.parameterType().getFieldList();
        return new Schema(fields.stream()
                .map(f -> ResultTypes.arrowField("?" + (f.getIndex() + 1), f.getType())).toList());
    }

    /** The SQL the vectorized engine runs for this statement, or empty when Calcite's executor runs it. */
    public synchronized Optional<String> engineSql() {
        return plan.pushable() ? Optional.of(DuckDbExecutor.sql(plan.root().rel, rowType)) : Optional.empty();
    }

    /** The logical plan and, when it is pushed down, the SQL the vectorized engine runs. */
    public synchronized String explain() {
        final String logical = RelOptUtil.toString(plan.root().rel);
        return logical + engineSql().map(sql -> "\nVectorized engine SQL:\n" + sql)
                .orElse("\nRuns in Calcite's executor (reads system tables).");
    }

    /**
     * Runs the statement with {@code parameters} bound to its {@code ?}s.
     *
     * @throws SqlException when a parameter is missing or of the wrong type, when a dataset's schema changed so that
     *         the result columns differ, or when the run fails
     */
    public QueryResult execute(List<?> parameters) {
        final Plan current = currentPlan();
        if (parameters.size() != current.parameterType().getFieldCount()) {
            throw new SqlException(ErrorCode.SQL_INVALID, "The statement has "
                    + current.parameterType().getFieldCount() + " parameter(s), " + parameters.size()
                    + " value(s) were bound", 0, 0, null);
        }
        final RelNode bound = Parameters.bind(current.root().rel, parameters);
        if (current.pushable()) {
            return DuckDbExecutor.start(engine.duckDb(), bound, rowType, resultSchema, engine.allocator(),
                    QueryEngine.BATCH_ROWS);
        }
        return CalciteExecutor.start(bound, current.root().collation, current.schema(), resultSchema,
                engine.allocator(), QueryEngine.BATCH_ROWS);
    }

    private synchronized Plan currentPlan() {
        final CatalogSnapshot now = engine.snapshot();
        if (plan.pushable() && unchanged(plan, now)) {
            return plan;
        }
        final Plan replanned = engine.plan(sql, now);
        if (!replanned.rowType().getFullTypeString().equals(rowType.getFullTypeString())) {
            throw new SqlException(ErrorCode.SQL_INVALID, "The result columns of this statement changed since it "
                    + "was prepared (a dataset's schema changed): was " + rowType.getFullTypeString() + ", now "
                    + replanned.rowType().getFullTypeString() + "; prepare it again", 0, 0, null);
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
