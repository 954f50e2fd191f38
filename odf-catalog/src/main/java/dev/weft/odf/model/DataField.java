package dev.weft.odf.model;

import java.util.Objects;

/** A named, typed column of a {@link DataSchema}; {@code extra} is nullable. */
public record DataField(String name, DataType type, ExtraAttributes extra) {
    public DataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
