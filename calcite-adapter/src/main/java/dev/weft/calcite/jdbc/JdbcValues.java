package dev.weft.calcite.jdbc;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Arrow values in the forms Avatica carries them in frames (as its own JDBC bridge does): DATE as days since the
 * epoch ({@code int}), TIME as milliseconds of the day ({@code int}), TIMESTAMP as epoch milliseconds ({@code long}),
 * text as {@code String}, everything else as the vector's Java object.
 */
final class JdbcValues {
    private JdbcValues() {}

    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof DateDayVector dates) {
            return dates.get(row);
        }
        if (vector instanceof TimeStampMilliVector millis) {
            return millis.get(row);
        }
        if (vector instanceof TimeStampMicroVector micros) {
            return Math.floorDiv(micros.get(row), 1000L);
        }
        if (vector instanceof TimeStampMicroTZVector micros) {
            return Math.floorDiv(micros.get(row), 1000L);
        }
        if (vector instanceof TimeMicroVector times) {
            return (int) (times.get(row) / 1000L);
        }
        if (vector instanceof VarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof VarBinaryVector bytes) {
            return bytes.get(row);
        }
        return vector.getObject(row);
    }
}
