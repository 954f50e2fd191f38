package dev.weft.calcite.exec;

import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.tools.Programs;

/**
 * Runs a plan in Calcite's own (row-at-a-time, generated Java) executor. Used only for what the vectorized engine
 * cannot run: plans that read system tables.
 */
public final class CalciteExecutor {
    private CalciteExecutor() {}

    /** Optimizes {@code logical} for Calcite's executor and starts it; rows are read lazily by the result. */
    public static QueryResult start(RelNode logical, RelCollation collation, SchemaPlus root, Schema schema,
            BufferAllocator allocator, int batchRows) {
        final RelOptPlanner planner = logical.getCluster().getPlanner();
        RelOptUtil.registerDefaultRules(planner, false, false);
        final RelTraitSet traits = logical.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(collation);
        final RelNode physical = Programs.standard().run(planner, logical, traits, List.of(), List.of());
        final Bindable<?> bindable = EnumerableInterpretable.toBindable(Map.of(), null, (EnumerableRel) physical,
                EnumerableRel.Prefer.ARRAY);
        final Context context = new Context(root, (JavaTypeFactory) logical.getCluster().getTypeFactory());
        return new EnumerableResult(schema, bindable.bind(context).enumerator(), allocator, batchRows);
    }

    private static final class Context implements DataContext {
        private final SchemaPlus root;
        private final JavaTypeFactory types;
        private final long now = System.currentTimeMillis();
        private final AtomicBoolean cancel = new AtomicBoolean();

        Context(SchemaPlus root, JavaTypeFactory types) {
            this.root = root;
            this.types = types;
        }

        @Override
        public SchemaPlus getRootSchema() {
            return root;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return types;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                    || Variable.UTC_TIMESTAMP.camelName.equals(name)) {
                return now;
            }
            if (Variable.TIME_ZONE.camelName.equals(name)) {
                return TimeZone.getTimeZone("UTC");
            }
            if (Variable.CANCEL_FLAG.camelName.equals(name)) {
                return cancel;
            }
            return null;
        }
    }
}
