package dev.weft.temporal;

import com.google.common.collect.ImmutableList;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.hash.Multihash;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.calcite.DataContexts;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.util.TimestampString;

/**
 * Applies the temporal clauses to a logical plan, per dataset scan.
 *
 * <p>AS AT: every {@code FOR SYSTEM_TIME AS OF} ({@link Snapshot}) and the session's pin are resolved, per dataset, to
 * a block of its chain — by time (the last block at or before it, found by binary search in the slice index) or by
 * hash — and the dataset's scans are replaced by scans that read only the slices up to that block.
 *
 * <p>State: a {@code FOR EVENT_TIME AS OF} and a table of schema {@code state} fold each dataset scan beneath them
 * into its live records ({@link StateFold}), at that event time.
 *
 * <p>The Snapshot nodes disappear; one over a view or a CTE applies to every dataset scan beneath it, an inner one
 * winning over an outer one.
 */
public final class TemporalRewriter {
    /** How one table of the plan was pinned. */
    public record Pinned(String dataset, AsAt asAt, SliceIndex.BlockTime block, int slices) {}

    private final RexBuilder rex;
    private final AsAt session;
    private final Deque<AsAt> periods = new ArrayDeque<>();
    private final Deque<EventTime> eventTimes = new ArrayDeque<>();
    private final List<Pinned> pinned = new ArrayList<>();

    private TemporalRewriter(RexBuilder rex, AsAt session) {
        this.rex = rex;
        this.session = session;
    }

    /** A state fold for the dataset scans beneath: at an event time, or after every record when it is null. */
    private record EventTime(RexNode instant) {}

    /** The plan after AS AT, and what was pinned. */
    public record Result(RelNode rel, List<Pinned> pinned) {}

    /**
     * Rewrites {@code rel}; {@code session} (nullable) pins every table without its own AS AT.
     *
     * @throws WeftException {@code SQL_INVALID} for a period that is not a constant, a time before a dataset's first
     *         block or a hash that is not one of its blocks
     */
    public static Result rewrite(RelNode rel, AsAt session) {
        final TemporalRewriter rewriter = new TemporalRewriter(rel.getCluster().getRexBuilder(), session);
        final RelNode rewritten = rewriter.visit(rel);
        return new Result(rewritten, List.copyOf(rewriter.pinned));
    }

    private RelNode visit(RelNode rel) {
        if (rel instanceof Snapshot snapshot) {
            final RexNode period = snapshot.getPeriod();
            final boolean state = isCall(period, TemporalFunctions.STATE);
            if (state || isCall(period, TemporalFunctions.EVENT_TIME)) {
                eventTimes.push(state
                        ? eventTimes.isEmpty() ? new EventTime(null) : eventTimes.peek()
                        : new EventTime(eventTime(((RexCall) period).getOperands().get(0))));
                try {
                    return visit(snapshot.getInput());
                } finally {
                    eventTimes.pop();
                }
            }
            periods.push(period(period));
            try {
                return visit(snapshot.getInput());
            } finally {
                periods.pop();
            }
        }
        if (rel instanceof TableScan scan) {
            return visitScan(scan);
        }
        final List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            final RelNode visited = visit(input);
            inputs.add(visited);
            changed |= visited != input;
        }
        final RelNode withInputs = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        return withInputs.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                final RexSubQuery withOperands = (RexSubQuery) super.visitSubQuery(subQuery);
                final RelNode inner = visit(withOperands.rel);
                return inner == withOperands.rel ? withOperands : withOperands.clone(inner);
            }
        });
    }

    private RelNode visitScan(TableScan scan) {
        final VersionedTable table = scan.getTable().unwrap(VersionedTable.class);
        if (table == null) {
            if (!periods.isEmpty() || !eventTimes.isEmpty()) {
                throw new WeftException(ErrorCode.SQL_INVALID, "FOR " + (periods.isEmpty() ? "EVENT" : "SYSTEM")
                        + "_TIME AS OF applies to ODF datasets; " + String.join(".", scan.getTable().getQualifiedName())
                        + " is not one");
            }
            return scan;
        }
        final AsAt asAt = periods.isEmpty() ? session : periods.peek();
        final RelNode pinned = asAt == null ? scan : pin(scan, table, asAt);
        return eventTimes.isEmpty() ? pinned : StateFold.fold(pinned, table.view(), eventTimes.peek().instant());
    }

    private RelNode pin(TableScan scan, VersionedTable table, AsAt asAt) {
        final DatasetView view = table.view();
        final SliceIndex.BlockTime block = resolve(view, asAt);
        final VersionedTable asAtTable = table.asAt(block);
        final RelOptTable original = scan.getTable();
        final RelOptTable relOptTable = RelOptTableImpl.create(original.getRelOptSchema(), original.getRowType(),
                asAtTable, ImmutableList.copyOf(original.getQualifiedName()));
        pinned.add(new Pinned(view.name(), asAt, block, view.slices().slicesUpTo(block.sequenceNumber()).size()));
        return LogicalTableScan.create(scan.getCluster(), relOptTable, scan.getHints());
    }

    private static SliceIndex.BlockTime resolve(DatasetView view, AsAt asAt) {
        final SliceIndex index = view.slices();
        if (asAt.block() != null) {
            return index.block(asAt.block()).orElseThrow(() -> new WeftException(ErrorCode.SQL_INVALID,
                    "Block " + asAt + " is not a block of dataset '" + view.name() + "' (at its head "
                            + view.head() + ")"));
        }
        return index.blockAsAt(endOfMillisecond(asAt.time())).orElseThrow(() -> new WeftException(ErrorCode.SQL_INVALID,
                "AS OF " + asAt + " is before the first block of dataset '" + view.name() + "' (created "
                        + index.blocks().get(0).systemTime() + ")"));
    }

    /**
     * SQL timestamps stop at milliseconds while block system times have nanoseconds: a time given to the millisecond
     * covers the whole millisecond, so the system time shown for a block (in {@code sys.blocks}) selects that block.
     */
    private static Instant endOfMillisecond(Instant time) {
        return time.getNano() % 1_000_000 == 0 ? time.plusNanos(999_999) : time;
    }

    private static boolean isCall(RexNode node, SqlOperator operator) {
        return node instanceof RexCall call && call.getOperator() == operator;
    }

    /** The instant of {@code FOR EVENT_TIME AS OF}: any expression that does not read the rows of the query. */
    private static RexNode eventTime(RexNode instant) {
        instant.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitInputRef(RexInputRef inputRef) {
                throw notConstant();
            }

            @Override
            public Void visitCorrelVariable(RexCorrelVariable correlVariable) {
                throw notConstant();
            }

            private WeftException notConstant() {
                return new WeftException(ErrorCode.SQL_INVALID, "FOR EVENT_TIME AS OF needs a timestamp that does not "
                        + "depend on the rows of the query (a literal, a parameter or a constant expression), got "
                        + instant);
            }
        });
        return instant;
    }

    private AsAt period(RexNode period) {
        if (period instanceof RexCall call && call.getOperator() == TemporalFunctions.BLOCK) {
            final RexNode argument = call.getOperands().get(0);
            final String text = argument instanceof RexLiteral literal ? literal.getValueAs(String.class) : null;
            if (text == null) {
                throw new WeftException(ErrorCode.SQL_INVALID, "A block in FOR SYSTEM_TIME AS OF must be a "
                        + "literal block hash such as 'f1620…'");
            }
            final Multihash hash;
            try {
                hash = Multihash.parse(text.trim());
            } catch (RuntimeException e) {
                throw new WeftException(ErrorCode.SQL_INVALID, "'" + text + "' in FOR SYSTEM_TIME AS OF is neither "
                        + "a timestamp nor a block hash (multibase, e.g. f1620…): " + e.getMessage(), e);
            }
            return AsAt.block(hash, text.trim());
        }
        final RexLiteral literal = constant(period);
        final TimestampString timestamp = literal.getValueAs(TimestampString.class);
        if (timestamp == null) {
            throw new WeftException(ErrorCode.SQL_INVALID, "FOR SYSTEM_TIME AS OF needs a timestamp or a block hash, "
                    + "got " + period);
        }
        return AsAt.time(Instant.ofEpochMilli(timestamp.getMillisSinceEpoch()));
    }

    /** The period as a literal: constant expressions ({@code CURRENT_TIMESTAMP - INTERVAL '1' DAY}) are reduced. */
    private RexLiteral constant(RexNode period) {
        if (period instanceof RexLiteral literal) {
            return literal;
        }
        final List<RexNode> reduced = new ArrayList<>();
        new RexExecutorImpl(DataContexts.EMPTY).reduce(rex, List.of(period), reduced);
        if (reduced.get(0) instanceof RexLiteral literal && !literal.isNull()) {
            return literal;
        }
        throw new WeftException(ErrorCode.SQL_INVALID, "FOR SYSTEM_TIME AS OF needs a constant timestamp, got "
                + period);
    }
}
