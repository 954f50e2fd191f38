package dev.weft.odf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {
    private static final ColumnType.Formats RFC3339 = ColumnType.Formats.DEFAULT;

    /** Plain decimal text is read digit by digit; the result must be what BigDecimal's own rules give. */
    @Property(tries = 2000)
    void decimalTextParsesAsBigDecimalWouldAtTheColumnsScale(@ForAll("decimalText") String text,
            @ForAll @IntRange(min = 1, max = 20) int precision, @ForAll @IntRange(min = 0, max = 6) int scale) {
        if (scale > precision) {
            return;
        }
        final ColumnType type = ColumnType.decimal(precision, scale);
        final Object expected = byBigDecimal(text, precision, scale);
        if (expected instanceof BigDecimal value) {
            assertThat(type.parse(text, RFC3339)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> type.parse(text, RFC3339)).hasMessage((String) expected);
        }
    }

    @Test
    void decimalsNeedDigitsAndAtMostOnePoint() {
        final ColumnType type = ColumnType.decimal(15, 2);
        for (String text : new String[] {"", "-", "+", ".", "-.", "1.2.3", "1e", "12a", "--1"}) {
            assertThatThrownBy(() -> type.parse(text, RFC3339)).as(text).hasMessage("not a decimal number");
        }
        assertThat(type.parse(" -0.5 ", RFC3339)).isEqualTo(new BigDecimal("-0.50"));
        assertThat(type.parse("5.", RFC3339)).isEqualTo(new BigDecimal("5.00"));
        assertThat(type.parse("1e3", RFC3339)).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void isoDatesAreCheckedAgainstTheCalendar() {
        final ColumnType date = ColumnType.of(ColumnType.Kind.DATE);
        assertThat(date.parse("1996-02-29", RFC3339)).isEqualTo(LocalDate.of(1996, 2, 29));
        assertThat(date.parse("2020-01-31T23:59:59Z", RFC3339)).isEqualTo(LocalDate.of(2020, 1, 31));
        for (String text : new String[] {"1997-02-29", "2020-13-01", "2020-1-01", "2020/01/01", "", "20200101"}) {
            assertThatThrownBy(() -> date.parse(text, RFC3339)).as(text).hasMessage("not a date like 2020-01-31");
        }
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        assertThat(ColumnType.of(ColumnType.Kind.INT32).parse(" 42 ", RFC3339)).isEqualTo(42);
        assertThatThrownBy(() -> ColumnType.of(ColumnType.Kind.INT32).parse("2147483648", RFC3339))
                .hasMessage("out of range -2147483648..2147483647");
        assertThatThrownBy(() -> ColumnType.of(ColumnType.Kind.INT64).parse("4.5", RFC3339))
                .hasMessage("not an integer");
    }

    @Provide
    Arbitrary<String> decimalText() {
        final Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        final Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(22);
        final Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(8);
        final Arbitrary<Boolean> point = Arbitraries.of(true, false);
        return Combinators.combine(sign, whole, point, fraction)
                .as((s, w, p, f) -> s + w + (p ? "." + f : ""));
    }

    /** The value BigDecimal's rules give, or the message of the rejection. */
    private static Object byBigDecimal(String text, int precision, int scale) {
        final BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return "not a decimal number";
        }
        final BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return "has more than " + scale + " decimal places";
        }
        return scaled.precision() > precision ? "has more than " + precision + " digits" : scaled;
    }
}
