package dev.weft.calcite;

import dev.weft.calcite.postgres.PostgresRewrite;
import dev.weft.calcite.postgres.PostgresStatements;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.calcite.schema.WeftSchemas;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.temporal.TemporalFunctions;
import dev.weft.temporal.TemporalRewriter;
import dev.weft.temporal.AsAtSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Parses, validates and converts one SQL statement into a logical plan against a catalog snapshot. Sub-queries are
 * kept as they are written (not expanded into joins): the vectorized engine decorrelates them better, and it keeps
 * planning cheap.
 */
final class Planner {
    private Planner() {}

    static Plan plan(String sql, CatalogSnapshot snapshot, OdfTable.TableScanner scanner, Session session) {
        final SqlNode parsed = parse(sql);
        if (parsed instanceof SqlSetOption setting) {
            return new Plan(Plan.Kind.SETTING, snapshot, null, null, null, null, List.of(), false, List.of(),
                    session.asAt(), setting);
        }
        final boolean explain = parsed instanceof SqlExplain;
        final SqlNode query = explain ? ((SqlExplain) parsed).getExplicandum() : parsed;
        if (!query.getKind().belongsTo(SqlKind.QUERY)) {
            throw new SqlException(ErrorCode.UNSUPPORTED, "Only queries are supported, not " + query.getKind()
                    + ": datasets change only through ingest (`weft ingest`, `weft pull`)",
                    query.getParserPosition().getLineNum(), query.getParserPosition().getColumnNum(), null);
        }
        final SchemaPlus root = WeftSchemas.root(snapshot, scanner);
        final JavaTypeFactory types = new JavaTypeFactoryImpl(WeftTypeSystem.INSTANCE);
        final CalciteCatalogReader catalog = new WeftCatalogReader(CalciteSchema.from(root), session.schema(), types,
                WeftSql.CONNECTION);
        final SqlValidator validator = new WeftValidator(
                SqlOperatorTables.chain(WeftSql.OPERATORS, TemporalFunctions.OPERATORS, catalog), catalog, types,
                WeftSql.VALIDATOR);
        final SqlNode validated;
        try {
            validated = validator.validate(PostgresRewrite.apply(AsAtSyntax.rewrite(query)));
        } catch (SqlException e) {
            throw e;
        } catch (CalciteContextException e) {
            throw damage(e).orElseThrow(() -> SqlErrors.validation(e));
        } catch (RuntimeException e) {
            throw damage(e).orElseThrow(() -> SqlErrors.unpositioned(e));
        }
        final VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        final RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(types));
        final RelOptTable.ViewExpander noViews = (rowType, queryString, schemaPath, viewPath) -> {
            throw new UnsupportedOperationException("Weft has no SQL views");
        };
        final SqlToRelConverter converter = new SqlToRelConverter(noViews, validator, catalog, cluster,
                WeftConvertlets.INSTANCE, SqlToRelConverter.config().withExpand(false));
        final RelRoot relRoot = converter.convertQuery(validated, false, true);
        final TemporalRewriter.Result temporal;
        try {
            temporal = TemporalRewriter.rewrite(relRoot.project(), session.asAt());
        } catch (WeftException e) {
            throw new SqlException(e.code(), e.getMessage(), 0, 0, e);
        }
        final TableCollector tables = new TableCollector();
        temporal.rel().accept(tables);
        final Plan.Kind kind = parsed instanceof PostgresStatements.Analyze ? Plan.Kind.EXPLAIN_ANALYZE
                : explain ? Plan.Kind.EXPLAIN : Plan.Kind.QUERY;
        return new Plan(kind, snapshot, root, relRoot.withRel(temporal.rel()),
                relRoot.validatedRowType, validator.getParameterRowType(validated), List.copyOf(tables.datasets),
                !tables.other, temporal.pinned(), session.asAt(), null);
    }

    /**
     * The error of a damaged dataset the query names ({@link dev.weft.calcite.schema.DamagedTable}), found in the
     * causes of a validation failure: it keeps its own code rather than being taken for invalid SQL.
     */
    private static Optional<SqlException> damage(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WeftException weft && weft.code() == ErrorCode.CORRUPTED) {
                return Optional.of(new SqlException(ErrorCode.CORRUPTED, weft.getMessage(), 0, 0, weft));
            }
        }
        return Optional.empty();
    }

    private static SqlNode parse(String sql) {
        final SqlNodeList statements;
        try {
            statements = SqlParser.create(sql, WeftSql.PARSER).parseStmtList();
        } catch (SqlParseException e) {
            throw SqlErrors.syntax(e, sql);
        }
        if (statements.size() != 1) {
            throw new SqlException(ErrorCode.SQL_SYNTAX, statements.isEmpty()
                    ? "No SQL statement given"
                    : "Expected one SQL statement, got " + statements.size(), 1, 1, null);
        }
        return statements.get(0);
    }

    /** Finds every table a plan scans, including inside sub-query expressions. */
    private static final class TableCollector extends RelShuttleImpl {
        final List<OdfTable> datasets = new ArrayList<>();
        boolean other;

        private final RexShuttle subQueries = new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                subQuery.rel.accept(TableCollector.this);
                return super.visitSubQuery(subQuery);
            }
        };

        @Override
        public RelNode visit(TableScan scan) {
            final OdfTable table = scan.getTable().unwrap(OdfTable.class);
            if (table == null) {
                other = true;
            } else if (datasets.stream().noneMatch(t -> t == table)) {
                datasets.add(table);
            }
            return scan;
        }

        @Override
        protected RelNode visitChild(RelNode parent, int i, RelNode child) {
            parent.accept(subQueries);
            return super.visitChild(parent, i, child);
        }
    }
}
