package dev.weft.server.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;

/** Text forms of result values for the SQL shell: ISO dates and times (UTC), plain decimals, hex bytes. */
final class SqlValues {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SqlValues() {}

    /** The value at {@code row}, or null for SQL NULL. */
    static String text(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof DateDayVector dates) {
            return LocalDate.ofEpochDay(dates.get(row)).toString();
        }
        if (vector instanceof DecimalVector decimals) {
            final BigDecimal value = decimals.getObject(row);
            return value.toPlainString();
        }
        if (vector instanceof TimeStampVector) {
            final Object value = vector.getObject(row);
            if (value instanceof LocalDateTime time) {
                return (time.getNano() == 0 ? SECONDS : MILLIS).format(time);
            }
            return String.valueOf(value);
        }
        if (vector instanceof VarBinaryVector bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes.get(row));
        }
        return vector.getObject(row).toString();
    }
}
