package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.ReadStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The columns a read step declares: from its ODF {@code schema}, or its DDL strings. */
final class IngestColumns {
    private static final Pattern DDL = Pattern.compile("\\s*(`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))(?:\\s*:\\s*|\\s+)(.+?)\\s*");

    private IngestColumns() {}

    /** The declared columns, or null when the read step declares none (the CSV header names them then). */
    static List<IngestColumn> declared(ReadStep read) {
        final List<IngestColumn> columns = new ArrayList<>();
        if (read.schema() != null) {
            for (DataField field : read.schema().fields()) {
                columns.add(new IngestColumn(field.name(), type(field.name(), () -> ColumnType.fromOdf(field.type())),
                        field.type() instanceof DataType.Option));
            }
            return columns;
        }
        if (read.ddlSchema() != null) {
            for (String definition : read.ddlSchema()) {
                final Matcher matcher = DDL.matcher(definition);
                if (!matcher.matches()) {
                    throw new WeftException(ErrorCode.INVALID_MANIFEST,
                            "Cannot read the schema column definition '" + definition + "'");
                }
                final String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                columns.add(new IngestColumn(name, type(name, () -> ColumnType.fromDdl(matcher.group(4)))));
            }
            return columns;
        }
        return null;
    }

    static int indexOf(List<IngestColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static String names(List<IngestColumn> columns) {
        return columns.stream().map(IngestColumn::name).toList().toString();
    }

    private static ColumnType type(String column, java.util.function.Supplier<ColumnType> resolve) {
        try {
            return resolve.get();
        } catch (IllegalArgumentException e) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Column '" + column + "': " + e.getMessage());
        }
    }
}
