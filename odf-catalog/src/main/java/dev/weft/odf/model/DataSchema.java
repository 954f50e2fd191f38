package dev.weft.odf.model;

import java.util.List;

/** The logical schema of a dataset's data (RFC 016): required fields and nullable {@code extra} attributes. */
public record DataSchema(List<DataField> fields, ExtraAttributes extra) {
    public DataSchema {
        fields = List.copyOf(fields);
    }
}
