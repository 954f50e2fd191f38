package dev.weft.calcite.postgres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlPostfixOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * PostgreSQL's interval literals, which carry their units inside the string ({@code INTERVAL '1 day'},
 * {@code INTERVAL '2 hours 30 minutes'}, {@code '1 year 2 mons'::interval}, {@code '01:30:00'}), turned into the
 * standard literals Calcite types: months become {@code INTERVAL 'y-m' YEAR TO MONTH}, everything shorter
 * {@code INTERVAL 'd h:m:s.f' DAY TO SECOND}. Weft's parser calls {@link #literal} where a standard literal would
 * need its qualifier.
 */
public final class PostgresIntervals {
    /** {@code '…'::interval}: a postfix operator the parser emits, replaced by a literal before validation. */
    public static final SqlPostfixOperator CAST_TO_INTERVAL = new SqlPostfixOperator("::INTERVAL", SqlKind.OTHER,
            94, ReturnTypes.ARG0, InferTypes.RETURN_TYPE, OperandTypes.CHARACTER);

    private static final int LEADING_PRECISION = 9;
    private static final int FRACTION_PRECISION = 6;
    private static final BigDecimal MICROS_PER_DAY = BigDecimal.valueOf(86_400_000_000L);
    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("microsecond", Unit.MICROSECOND), Map.entry("microseconds", Unit.MICROSECOND),
            Map.entry("us", Unit.MICROSECOND),
            Map.entry("millisecond", Unit.MILLISECOND), Map.entry("milliseconds", Unit.MILLISECOND),
            Map.entry("ms", Unit.MILLISECOND), Map.entry("msec", Unit.MILLISECOND),
            Map.entry("msecs", Unit.MILLISECOND),
            Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND), Map.entry("sec", Unit.SECOND),
            Map.entry("secs", Unit.SECOND), Map.entry("s", Unit.SECOND),
            Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE), Map.entry("min", Unit.MINUTE),
            Map.entry("mins", Unit.MINUTE), Map.entry("m", Unit.MINUTE),
            Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR), Map.entry("hr", Unit.HOUR),
            Map.entry("hrs", Unit.HOUR), Map.entry("h", Unit.HOUR),
            Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY), Map.entry("d", Unit.DAY),
            Map.entry("week", Unit.WEEK), Map.entry("weeks", Unit.WEEK), Map.entry("w", Unit.WEEK),
            Map.entry("month", Unit.MONTH), Map.entry("months", Unit.MONTH), Map.entry("mon", Unit.MONTH),
            Map.entry("mons", Unit.MONTH),
            Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR), Map.entry("y", Unit.YEAR),
            Map.entry("yr", Unit.YEAR), Map.entry("yrs", Unit.YEAR),
            Map.entry("decade", Unit.DECADE), Map.entry("decades", Unit.DECADE),
            Map.entry("century", Unit.CENTURY), Map.entry("centuries", Unit.CENTURY));

    private PostgresIntervals() {}

    /**
     * The literal of the interval {@code text} denotes, negated when {@code sign} is -1.
     *
     * @throws CalciteContextException when {@code text} is not an interval, or mixes months with shorter units
     *         (Weft's intervals are either a number of months or a duration, as standard SQL's are)
     */
    public static SqlLiteral literal(SqlParserPos pos, int sign, String text) {
        final Parsed parsed = parse(pos, text);
        final int direction = sign * parsed.direction;
        if (parsed.months != 0 && parsed.micros.signum() != 0) {
            throw error(pos, "INTERVAL '" + text + "' mixes months with shorter units; add them one at a time, as in "
                    + "ts + INTERVAL '1 month' + INTERVAL '2 days'");
        }
        return parsed.months != 0 ? months(pos, direction, parsed.months) : dayTime(pos, direction, parsed.micros);
    }

    private static SqlLiteral months(SqlParserPos pos, int sign, long months) {
        final long magnitude = Math.abs(months);
        final int direction = months < 0 ? -sign : sign;
        return SqlLiteral.createInterval(direction, (magnitude / 12) + "-" + (magnitude % 12),
                new SqlIntervalQualifier(TimeUnit.YEAR, LEADING_PRECISION, TimeUnit.MONTH, -1, pos), pos);
    }

    private static SqlLiteral dayTime(SqlParserPos pos, int sign, BigDecimal micros) {
        final int direction = micros.signum() < 0 ? -sign : sign;
        final BigDecimal magnitude = micros.abs().setScale(0, RoundingMode.HALF_EVEN);
        final BigDecimal[] days = magnitude.divideAndRemainder(MICROS_PER_DAY);
        long rest = days[1].longValueExact();
        final long hours = rest / 3_600_000_000L;
        rest %= 3_600_000_000L;
        final long minutes = rest / 60_000_000L;
        rest %= 60_000_000L;
        final String text = String.format(Locale.ROOT, "%s %d:%d:%d.%06d", days[0].toPlainString(), hours, minutes,
                rest / 1_000_000L, rest % 1_000_000L);
        return SqlLiteral.createInterval(direction, text,
                new SqlIntervalQualifier(TimeUnit.DAY, LEADING_PRECISION, TimeUnit.SECOND, FRACTION_PRECISION, pos),
                pos);
    }

    private static Parsed parse(SqlParserPos pos, String text) {
        final String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        long months = 0;
        BigDecimal micros = BigDecimal.ZERO;
        int direction = 1;
        boolean any = false;
        for (int i = 0; i < words.length; i++) {
            final String word = words[i];
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("ago") && i == words.length - 1 && any) {
                direction = -1;
                continue;
            }
            if (word.contains(":")) {
                micros = micros.add(clock(pos, text, word));
                any = true;
                continue;
            }
            final BigDecimal quantity = number(pos, text, word);
            if (i + 1 >= words.length || !UNITS.containsKey(words[i + 1])) {
                throw invalid(pos, text);
            }
            final Unit unit = UNITS.get(words[++i]);
            if (unit.months > 0) {
                final BigDecimal total = quantity.multiply(BigDecimal.valueOf(unit.months));
                if (total.stripTrailingZeros().scale() > 0) {
                    throw invalid(pos, text);
                }
                months = Math.addExact(months, total.longValueExact());
            } else {
                micros = micros.add(quantity.multiply(BigDecimal.valueOf(unit.micros)));
            }
            any = true;
        }
        if (!any) {
            throw invalid(pos, text);
        }
        return new Parsed(months, micros, direction);
    }

    /** {@code [-]h:m[:s[.f]]}. */
    private static BigDecimal clock(SqlParserPos pos, String text, String word) {
        final boolean negative = word.startsWith("-");
        final String[] parts = (negative || word.startsWith("+") ? word.substring(1) : word).split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(pos, text);
        }
        BigDecimal micros = number(pos, text, parts[0]).multiply(BigDecimal.valueOf(3_600_000_000L))
                .add(number(pos, text, parts[1]).multiply(BigDecimal.valueOf(60_000_000L)));
        if (parts.length == 3) {
            micros = micros.add(number(pos, text, parts[2]).multiply(BigDecimal.valueOf(1_000_000L)));
        }
        return negative ? micros.negate() : micros;
    }

    private static BigDecimal number(SqlParserPos pos, String text, String word) {
        try {
            return new BigDecimal(word);
        } catch (NumberFormatException e) {
            throw invalid(pos, text);
        }
    }

    private static RuntimeException invalid(SqlParserPos pos, String text) {
        return error(pos, "'" + text + "' is not an interval; write a number and a unit, as in INTERVAL '1 day', "
                + "INTERVAL '2 hours 30 minutes' or INTERVAL '3 months'");
    }

    private static CalciteContextException error(SqlParserPos pos, String message) {
        return new CalciteContextException(message, new SqlValidatorException(message, null), pos.getLineNum(),
                pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    private enum Unit {
        MICROSECOND(0, 1L), MILLISECOND(0, 1_000L), SECOND(0, 1_000_000L), MINUTE(0, 60_000_000L),
        HOUR(0, 3_600_000_000L), DAY(0, 86_400_000_000L), WEEK(0, 7 * 86_400_000_000L),
        MONTH(1, 0), YEAR(12, 0), DECADE(120, 0), CENTURY(1200, 0);

        final int months;
        final long micros;

        Unit(int months, long micros) {
            this.months = months;
            this.micros = micros;
        }
    }

    private record Parsed(long months, BigDecimal micros, int direction) {}
}
