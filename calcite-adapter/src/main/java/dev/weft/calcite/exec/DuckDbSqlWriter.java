package dev.weft.calcite.exec;

import dev.weft.calcite.schema.OdfTable;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Unparses a plan in DuckDB's dialect, writing scans of dataset tables as references to common table expressions
 * that {@link DuckDbSql} defines, and writing each repeated sub-plan ({@link SharedSubPlans}) once, as a materialized
 * common table expression referenced wherever it occurs — Calcite expands a CTE used twice into two copies, which
 * DuckDB would otherwise compute twice. A filter with a correlated sub-query under a projection with another is
 * written as a common table expression of its own too: Calcite writes the two in one {@code SELECT} in which the
 * filter's sub-query names the table by an alias that the projection then renames, so the engine cannot resolve it
 * ("Referenced table not found"). Public because Calcite dispatches {@code visit} methods by reflection.
 */
public final class DuckDbSqlWriter extends RelToSqlConverter {
    private static final String TABLE_PREFIX = "__weft_t";
    private static final String SHARED_PREFIX = "__weft_s";

    private final Map<OdfTable, String> tables = new LinkedHashMap<>();
    private final Set<String> sharedKeys;
    private final Set<RelNode> isolated;
    private final Map<String, String> sharedNames = new HashMap<>();
    private final Map<String, String> sharedSql = new LinkedHashMap<>();
    private final Set<String> inlined = new HashSet<>();
    private RelNode rendering;

    DuckDbSqlWriter(RelNode root) {
        super(EngineDialect.INSTANCE);
        this.sharedKeys = SharedSubPlans.find(root);
        this.isolated = correlatedFiltersUnderCorrelatedProjects(root);
    }

    /** Whether the expression {@code name} is computed once ({@code MATERIALIZED}) rather than inlined. */
    boolean materialized(String name) {
        return !inlined.contains(name);
    }

    private static Set<RelNode> correlatedFiltersUnderCorrelatedProjects(RelNode root) {
        final Set<RelNode> found = Collections.newSetFromMap(new IdentityHashMap<>());
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                if (node instanceof Project project && !project.getVariablesSet().isEmpty()
                        && project.getInput() instanceof Filter filter && !filter.getVariablesSet().isEmpty()
                        && RelOptUtil.getVariablesUsed(filter).isEmpty()) {
                    found.add(filter);
                }
                super.visit(node, ordinal, parent);
            }
        }.go(root);
        return found;
    }

    /** The dataset tables met so far and the names their expressions get, in order of first use. */
    Map<OdfTable, String> tables() {
        return tables;
    }

    /** The repeated sub-plans, by the name of their expression, with their SQL, in order of definition. */
    Map<String, String> shared() {
        return sharedSql;
    }

    @Override
    protected Result dispatch(RelNode e) {
        final boolean isolate = isolated.contains(e);
        if (e == rendering || !isolate && sharedKeys.isEmpty()) {
            return super.dispatch(e);
        }
        final String key = isolate ? "isolated:" + System.identityHashCode(e) : SharedSubPlans.key(e);
        if (!isolate && !sharedKeys.contains(key)) {
            return super.dispatch(e);
        }
        String name = sharedNames.get(key);
        if (name == null) {
            final RelNode outer = rendering;
            rendering = e;
            try {
                final String sql = visitRoot(e).asStatement().toSqlString(EngineDialect.INSTANCE).getSql();
                name = SHARED_PREFIX + sharedNames.size();
                sharedNames.put(key, name);
                sharedSql.put(name, sql);
                if (isolate) {
                    inlined.add(name);
                }
            } finally {
                rendering = outer;
            }
        }
        return result(new SqlIdentifier(name, SqlParserPos.ZERO), List.of(Clause.FROM), e, null);
    }

    @Override
    public Result visit(TableScan scan) {
        final OdfTable table = scan.getTable().unwrap(OdfTable.class);
        if (table == null) {
            throw new IllegalStateException("Not a dataset table: " + scan.getTable().getQualifiedName());
        }
        final String name = tables.computeIfAbsent(table, t -> TABLE_PREFIX + tables.size());
        return result(new SqlIdentifier(name, SqlParserPos.ZERO), List.of(Clause.FROM), scan, null);
    }
}
