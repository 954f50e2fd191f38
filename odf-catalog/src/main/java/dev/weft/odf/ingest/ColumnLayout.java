package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the columns of an input record map onto a changelog record: which column holds the event time (named by the
 * dataset's vocabulary), which the operation (changelog and upsert inputs), and which are data columns. Turns the
 * text of one input record into a typed {@link IngestRow}, with errors naming where the bad value is.
 */
final class ColumnLayout {
    /** The text of one input record's fields, and where each is, for messages. */
    interface Fields {
        /** The text of column {@code i}, or null when it is null or absent. */
        String text(int i);

        /** Where column {@code i}'s value is, e.g. {@code orders.csv:12:5}. */
        String position(int i);
    }

    private final List<IngestColumn> columns;
    private final List<IngestColumn> dataColumns;
    private final OperationColumn opName;
    private final int eventTimeIndex;
    private final int opIndex;
    private final ColumnType.Formats formats;
    private final long defaultEventTime;

    /** @param opName the operation column, or null when records carry no operation */
    ColumnLayout(List<IngestColumn> columns, String eventTimeName, OperationColumn opName, ColumnType.Formats formats,
            long defaultEventTime, String source) {
        this.columns = List.copyOf(columns);
        this.opName = opName;
        this.formats = formats;
        this.defaultEventTime = defaultEventTime;
        this.eventTimeIndex = IngestColumns.indexOf(columns, eventTimeName);
        final List<IngestColumn> data = new ArrayList<>(columns);
        if (eventTimeIndex >= 0) {
            final ColumnType.Kind kind = columns.get(eventTimeIndex).type().kind();
            if (kind != ColumnType.Kind.TIMESTAMP && kind != ColumnType.Kind.DATE && kind != ColumnType.Kind.STRING) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST, "The event time column '" + eventTimeName
                        + "' must be a TIMESTAMP or DATE, not " + columns.get(eventTimeIndex).type().displayName());
            }
            data.remove(columns.get(eventTimeIndex));
        }
        this.opIndex = opName == null ? -1 : IngestColumns.indexOf(columns, opName.name());
        if (opName != null) {
            if (opIndex < 0 && opName.required()) {
                throw new WeftException(ErrorCode.INVALID_DATA, "Cannot read " + source + ": changelog and upsert "
                        + "inputs need the operation column '" + opName.name() + "'; columns are "
                        + IngestColumns.names(columns));
            }
            if (opIndex >= 0) {
                data.remove(columns.get(opIndex));
            }
        }
        this.dataColumns = List.copyOf(data);
    }

    List<IngestColumn> columns() {
        return columns;
    }

    /** The data columns (all columns but the event time and operation columns). */
    List<IngestColumn> dataColumns() {
        return dataColumns;
    }

    IngestRow row(Fields fields) {
        final Object[] values = new Object[dataColumns.size()];
        long eventTime = defaultEventTime;
        int op = 0;
        int target = 0;
        for (int i = 0; i < columns.size(); i++) {
            final IngestColumn column = columns.get(i);
            final String text = fields.text(i);
            if (i == opIndex) {
                op = operation(fields, i, text);
                continue;
            }
            Object value = null;
            if (text != null) {
                try {
                    value = i == eventTimeIndex
                            ? Long.valueOf(ColumnType.parseTimestamp(text.trim(), formats.timestamp()))
                            : column.type().parse(text, formats);
                } catch (IllegalArgumentException e) {
                    throw new WeftException(ErrorCode.INVALID_DATA, fields.position(i) + ": column '" + column.name()
                            + "': cannot read '" + text + "' as "
                            + (i == eventTimeIndex ? "TIMESTAMP" : column.type().displayName()) + ": " + e.getMessage());
                }
            }
            if (value == null && !column.nullable() && i != eventTimeIndex) {
                throw new WeftException(ErrorCode.INVALID_DATA, fields.position(i) + ": Column '" + column.name()
                        + "' is declared as non-nullable but contains null values");
            }
            if (i == eventTimeIndex) {
                if (value == null) {
                    throw new WeftException(ErrorCode.INVALID_DATA, fields.position(i) + ": event time column '"
                            + column.name() + "' is empty");
                }
                eventTime = (Long) value;
            } else {
                values[target++] = value;
            }
        }
        return new IngestRow(op, eventTime, values);
    }

    private int operation(Fields fields, int i, String text) {
        final String trimmed = text == null ? "" : text.trim();
        switch (trimmed) {
            case "0": case "+A": return 0;
            case "1": case "-R": return 1;
            case "2": case "-C": return 2;
            case "3": case "+C": return 3;
            default:
                throw new WeftException(ErrorCode.INVALID_DATA, fields.position(i) + ": column '" + opName.name() + "': '"
                        + trimmed + "' is not an operation (0 or +A, 1 or -R, 2 or -C, 3 or +C)");
        }
    }
}
