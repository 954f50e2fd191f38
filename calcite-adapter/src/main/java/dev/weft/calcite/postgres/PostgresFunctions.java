package dev.weft.calcite.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.util.Optionality;

/**
 * Functions with PostgreSQL's names and argument orders that Calcite's libraries lack or define otherwise
 * ({@code date_trunc('month', ts)} is BigQuery's {@code DATE_TRUNC(ts, MONTH)} in Calcite), plus the DuckDB
 * extensions Weft documents ({@code strftime}, {@code median}). Each is typed here for the validator; how the
 * engine computes it is {@code EngineFunctions}' table.
 */
public final class PostgresFunctions {
    private static final SqlReturnTypeInference TIMESTAMP_NULLABLE = ReturnTypes.cascade(
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, PostgresTypes.TIMESTAMP_PRECISION),
            SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference DOUBLE_FORCE_NULLABLE = ReturnTypes.cascade(
            ReturnTypes.DOUBLE, SqlTypeTransforms.FORCE_NULLABLE);

    /** {@code date_trunc(unit, timestamp | date)}: the timestamp at the start of its unit (month, week, ...). */
    public static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
            TIMESTAMP_NULLABLE, null, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
            SqlFunctionCategory.TIMEDATE);

    /** {@code now()}: the time the query runs, in UTC. */
    public static final SqlFunction NOW = new SqlFunction("NOW", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, PostgresTypes.TIMESTAMP_PRECISION), null, OperandTypes.NILADIC,
            SqlFunctionCategory.TIMEDATE) {
        @Override
        public boolean isDynamicFunction() {
            return true;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    };

    /** {@code make_date(year, month, day)}. */
    public static final SqlFunction MAKE_DATE = new SqlFunction("MAKE_DATE", SqlKind.OTHER_FUNCTION,
            ReturnTypes.DATE_NULLABLE, null,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
            SqlFunctionCategory.TIMEDATE);

    /** {@code make_timestamp(year, month, day, hour, minute, seconds)}. */
    public static final SqlFunction MAKE_TIMESTAMP = new SqlFunction("MAKE_TIMESTAMP", SqlKind.OTHER_FUNCTION,
            TIMESTAMP_NULLABLE, null, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
                    SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
            SqlFunctionCategory.TIMEDATE);

    /** {@code to_char(timestamp | date, format)} with PostgreSQL's template patterns. */
    public static final SqlFunction TO_CHAR = new SqlFunction("TO_CHAR", SqlKind.OTHER_FUNCTION,
            ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER),
            SqlFunctionCategory.TIMEDATE);

    /** {@code to_timestamp(text, format)} with PostgreSQL's template patterns, or {@code to_timestamp(seconds)}. */
    public static final SqlFunction TO_TIMESTAMP = new SqlFunction("TO_TIMESTAMP", SqlKind.OTHER_FUNCTION,
            TIMESTAMP_NULLABLE, null, OperandTypes.or(OperandTypes.STRING_STRING, OperandTypes.NUMERIC),
            SqlFunctionCategory.TIMEDATE);

    /** {@code to_date(text, format)} with PostgreSQL's template patterns. */
    public static final SqlFunction TO_DATE = new SqlFunction("TO_DATE", SqlKind.OTHER_FUNCTION,
            ReturnTypes.DATE_NULLABLE, null, OperandTypes.STRING_STRING, SqlFunctionCategory.TIMEDATE);

    /** DuckDB's {@code strftime(timestamp | date, format)} with C's {@code %} patterns. */
    public static final SqlFunction STRFTIME = new SqlFunction("STRFTIME", SqlKind.OTHER_FUNCTION,
            ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER),
            SqlFunctionCategory.TIMEDATE);

    /** {@code trunc(number [, digits])}: rounds towards zero. */
    public static final SqlFunction TRUNC = new SqlFunction("TRUNC", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0_NULLABLE, null, OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.NUMERIC_INTEGER),
            SqlFunctionCategory.NUMERIC);

    /** DuckDB's {@code median(x)}: the 50th percentile, interpolated (PostgreSQL's percentile_cont(0.5)). */
    public static final SqlAggFunction MEDIAN = SqlBasicAggFunction.create("MEDIAN", SqlKind.OTHER_FUNCTION,
            DOUBLE_FORCE_NULLABLE, OperandTypes.NUMERIC);

    /** {@code corr(y, x)}: the correlation coefficient. */
    public static final SqlAggFunction CORR = SqlBasicAggFunction.create("CORR", SqlKind.OTHER_FUNCTION,
            DOUBLE_FORCE_NULLABLE, OperandTypes.NUMERIC_NUMERIC);

    /**
     * {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)}: an interpolated value, so a double precision number as in
     * PostgreSQL (Calcite gives it the type of {@code x}, which truncates the median of integers).
     */
    public static final SqlAggFunction PERCENTILE_CONT = SqlBasicAggFunction.create(SqlKind.PERCENTILE_CONT,
                    DOUBLE_FORCE_NULLABLE, OperandTypes.UNIT_INTERVAL_NUMERIC_LITERAL)
            .withFunctionType(SqlFunctionCategory.SYSTEM).withGroupOrder(Optionality.MANDATORY)
            .withPercentile(true).withAllowsFraming(false);

    /** {@code json -> key | index}: the member or element, as JSON text. */
    public static final SqlBinaryOperator JSON_GET = new SqlBinaryOperator("->", SqlKind.OTHER, 94, true,
            ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.or(
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)));

    /** {@code json ->> key | index}: the member or element, as text (a JSON string without its quotes). */
    public static final SqlBinaryOperator JSON_GET_TEXT = new SqlBinaryOperator("->>", SqlKind.OTHER, 94, true,
            ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.or(
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)));

    /**
     * {@code round(x)} of a double precision number, which PostgreSQL rounds half to even ({@code round(2.5) = 2});
     * numerics round half away from zero. Not callable by name: the conversion of {@code ROUND} picks it by type.
     */
    public static final SqlFunction ROUND_HALF_EVEN = new SqlFunction("ROUND_HALF_EVEN", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0_NULLABLE, null, OperandTypes.NUMERIC, SqlFunctionCategory.NUMERIC);

    private static final List<SqlOperator> OWN = List.of(DATE_TRUNC, NOW, MAKE_DATE, MAKE_TIMESTAMP, TO_CHAR,
            TO_TIMESTAMP, TO_DATE, STRFTIME, TRUNC, MEDIAN, CORR, PERCENTILE_CONT, JSON_GET, JSON_GET_TEXT);

    /** Functions of Calcite's other libraries that PostgreSQL or DuckDB also have, with the same meaning. */
    private static final List<SqlOperator> BORROWED = List.of(SqlLibraryOperators.TRY_CAST,
            SqlLibraryOperators.MAX_BY, SqlLibraryOperators.MIN_BY, SqlLibraryOperators.REVERSE);

    /** Every function this class adds: Weft's own, then those borrowed from Calcite's other libraries. */
    public static final List<SqlOperator> ALL = concat(OWN, BORROWED);

    private PostgresFunctions() {}

    /**
     * These functions ahead of {@code library}, whose functions of the same names are dropped (so that a call
     * resolves to one definition, PostgreSQL's).
     */
    public static SqlOperatorTable over(SqlOperatorTable library) {
        final Set<String> names = OWN.stream().map(SqlOperator::getName).collect(Collectors.toSet());
        return SqlOperatorTables.chain(SqlOperatorTables.of(ALL), new Without(library, names));
    }

    /** A table without the operators of some names (rebuilding it as a list would lose its lookup rules). */
    private record Without(SqlOperatorTable table, Set<String> names) implements SqlOperatorTable {
        @Override
        public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
                List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
            final List<SqlOperator> found = new ArrayList<>();
            table.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
            found.stream().filter(op -> !names.contains(op.getName())).forEach(operatorList::add);
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return table.getOperatorList().stream().filter(op -> !names.contains(op.getName())).toList();
        }
    }

    private static List<SqlOperator> concat(List<SqlOperator> first, List<SqlOperator> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
