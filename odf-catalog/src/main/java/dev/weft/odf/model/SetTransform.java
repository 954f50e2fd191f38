package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** Defines the inputs and transformation of a derivative dataset; both components required. */
public record SetTransform(List<TransformInput> inputs, Transform transform) implements MetadataEvent {
    public SetTransform {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(transform, "transform");
    }
}
