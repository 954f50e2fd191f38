package dev.weft.odf.data;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The ODF system columns every data slice starts with, and checks that a schema has them in order. The event time
 * column may carry the name a dataset's vocabulary gives it ({@code SetVocab.eventTimeColumn}), as in kamu's slices.
 */
public final class SliceSchema {
    /** Record offset within the dataset (RFC 001). */
    public static final Field OFFSET = new Field("offset", FieldType.notNullable(new ArrowType.Int(64, true)), null);
    /** Changelog operation: 0 +A, 1 -R, 2 -C, 3 +C (RFC 015). */
    public static final Field OP = new Field("op", FieldType.notNullable(new ArrowType.Int(32, true)), null);
    /** When the record was added to the dataset. */
    public static final Field SYSTEM_TIME = new Field("system_time",
            FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null);
    /** When the event the record describes happened. */
    public static final Field EVENT_TIME = new Field("event_time",
            FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")), null);
    /** The other type an event time may have: a date, as sources that declare a {@code date} column store it. */
    private static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    /** The system columns in the order slices carry them. */
    public static final List<Field> SYSTEM_COLUMNS = List.of(OFFSET, OP, SYSTEM_TIME, EVENT_TIME);

    private SliceSchema() {}

    /** The slice schema for the given data columns: the system columns, then the data columns. */
    public static Schema withDataColumns(List<Field> dataColumns) {
        return withDataColumns(EVENT_TIME.getName(), dataColumns);
    }

    /** The slice schema with the event time column named {@code eventTimeColumn}, then the data columns. */
    public static Schema withDataColumns(String eventTimeColumn, List<Field> dataColumns) {
        return withDataColumns(eventTimeColumn, EVENT_TIME.getType(), dataColumns);
    }

    /**
     * The slice schema with the event time column named {@code eventTimeColumn} of type {@code eventTimeType} (a
     * timestamp in ms, UTC, or a date32 when the source declares a date), then the data columns.
     */
    public static Schema withDataColumns(String eventTimeColumn, ArrowType eventTimeType, List<Field> dataColumns) {
        final List<Field> fields = new ArrayList<>(SYSTEM_COLUMNS.subList(0, 3));
        fields.add(new Field(eventTimeColumn, FieldType.notNullable(eventTimeType), null));
        fields.addAll(dataColumns);
        final Schema schema = new Schema(fields);
        requireSliceSchema(schema);
        return schema;
    }

    /**
     * Checks that the schema starts with the system columns with their names, types and non-nullability, and that no
     * data column reuses a system column name.
     *
     * @throws WeftException with {@link ErrorCode#INVALID_ARGUMENT} saying which column differs
     */
    public static void requireSliceSchema(Schema schema) {
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < SYSTEM_COLUMNS.size(); i++) {
            final Field expected = SYSTEM_COLUMNS.get(i);
            if (i >= fields.size()) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                        "Invalid slice schema: column " + i + " must be " + describe(expected) + " but is missing");
            }
            final Field actual = fields.get(i);
            final boolean nameMatches = expected == EVENT_TIME || actual.getName().equals(expected.getName());
            final boolean typeMatches = actual.getType().equals(expected.getType())
                    || expected == EVENT_TIME && actual.getType().equals(DATE32);
            if (!nameMatches || !typeMatches || actual.isNullable()) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT, "Invalid slice schema: column " + i + " must be "
                        + describe(expected) + " but is " + describe(actual));
            }
        }
        final List<String> systemNames = fields.stream().limit(SYSTEM_COLUMNS.size()).map(Field::getName).toList();
        for (int i = SYSTEM_COLUMNS.size(); i < fields.size(); i++) {
            final String name = fields.get(i).getName();
            if (systemNames.contains(name)) {
                throw new WeftException(ErrorCode.INVALID_ARGUMENT,
                        "Invalid slice schema: data column " + i + " reuses the system column name '" + name + "'");
            }
        }
    }

    private static String describe(Field field) {
        return "'" + field.getName() + "' " + field.getType() + (field.isNullable() ? " nullable" : " not null");
    }
}
