package dev.weft.calcite.exec;

import dev.weft.calcite.SqlException;
import dev.weft.calcite.schema.WeftSchemas;
import dev.weft.odf.error.ErrorCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Binds what a run of a prepared statement knows and its plan does not into the plan, as typed literals: the values
 * of its {@code ?} parameters, and the session's context ({@code current_user}, {@code current_catalog},
 * {@code current_schema}), which would otherwise be the engine's own.
 */
public final class Parameters {
    private Parameters() {}

    /**
     * {@code rel} with every dynamic parameter (also inside sub-queries) replaced by its value, and every context
     * function by its value in the session of {@code user}.
     */
    public static RelNode bind(RelNode rel, List<?> values, String user) {
        final RexBuilder rex = rel.getCluster().getRexBuilder();
        final RelHomogeneousShuttle[] relShuttle = new RelHomogeneousShuttle[1];
        final RexShuttle rexShuttle = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                final String context = contextValue(call.getOperator(), user);
                return context == null ? super.visitCall(call) : rex.makeLiteral(context, call.getType(), false);
            }

            @Override
            public RexNode visitDynamicParam(RexDynamicParam param) {
                if (param.getIndex() >= values.size()) {
                    throw new SqlException(ErrorCode.SQL_INVALID, "No value bound for parameter "
                            + (param.getIndex() + 1) + " of " + values.size(), 0, 0, null);
                }
                return literal(rex, values.get(param.getIndex()), param.getType(), param.getIndex());
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                final RexSubQuery withOperands = (RexSubQuery) super.visitSubQuery(subQuery);
                return withOperands.clone(withOperands.rel.accept(relShuttle[0]));
            }
        };
        relShuttle[0] = new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(rexShuttle);
            }
        };
        return rel.accept(relShuttle[0]);
    }

    private static String contextValue(SqlOperator operator, String user) {
        if (operator == SqlStdOperatorTable.CURRENT_USER || operator == SqlStdOperatorTable.USER
                || operator == SqlStdOperatorTable.SESSION_USER || operator == SqlStdOperatorTable.SYSTEM_USER
                || operator == SqlStdOperatorTable.CURRENT_ROLE) {
            return user;
        }
        if (operator == SqlStdOperatorTable.CURRENT_CATALOG) {
            return WeftSchemas.CATALOG;
        }
        return operator == SqlStdOperatorTable.CURRENT_SCHEMA ? WeftSchemas.ODF : null;
    }

    private static RexNode literal(RexBuilder rex, Object value, RelDataType type, int index) {
        if (value == null) {
            return rex.makeNullLiteral(type);
        }
        try {
            final SqlTypeName name = type.getSqlTypeName();
            switch (name) {
                case BOOLEAN:
                    return rex.makeLiteral(value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString()));
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                case DECIMAL:
                    return rex.makeExactLiteral(new BigDecimal(value.toString()), type);
                case REAL:
                case FLOAT:
                case DOUBLE:
                    return rex.makeApproxLiteral(new BigDecimal(value.toString()), type);
                case DATE:
                    return rex.makeDateLiteral(DateString.fromDaysSinceEpoch((int) date(value).toEpochDay()));
                case TIME:
                    final LocalTime time = value instanceof LocalTime t ? t : LocalTime.parse(value.toString());
                    return rex.makeTimeLiteral(TimeString.fromMillisOfDay((int) (time.toNanoOfDay() / 1_000_000)),
                            type.getPrecision());
                case TIMESTAMP:
                    return rex.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(timestamp(value)),
                            type.getPrecision());
                default:
                    return rex.makeCast(type, rex.makeLiteral(value.toString()), true, false);
            }
        } catch (RuntimeException e) {
            throw new SqlException(ErrorCode.SQL_TYPE_MISMATCH, "Parameter " + (index + 1) + " needs a value of type "
                    + type.getFullTypeString() + ", got '" + value + "' (" + value.getClass().getSimpleName() + ")",
                    0, 0, e);
        }
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Number days) {
            return LocalDate.ofEpochDay(days.longValue());
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        return LocalDate.parse(value.toString());
    }

    private static long timestamp(Object value) {
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Number millis) {
            return millis.longValue();
        }
        return LocalDateTime.parse(value.toString().trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
