package dev.weft.calcite;

import dev.weft.calcite.exec.QueryResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads a whole query result into rows of Java values, for assertions. */
final class ArrowRows {
    private ArrowRows() {}

    static List<List<Object>> drain(QueryResult result) {
        final List<List<Object>> rows = new ArrayList<>();
        final VectorSchemaRoot root = result.root();
        while (result.loadNextBatch()) {
            for (int r = 0; r < root.getRowCount(); r++) {
                final List<Object> row = new ArrayList<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    row.add(value(vector, r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof DateDayVector dates) {
            return LocalDate.ofEpochDay(dates.get(row));
        }
        if (vector instanceof VarCharVector text) {
            return text.getObject(row).toString();
        }
        return vector.getObject(row);
    }
}
