package dev.weft.odf.model;

import java.util.Objects;

/** An environment variable of a {@link FetchStep.Container}; {@code value} is nullable (taken from the host). */
public record EnvVar(String name, String value) {
    public EnvVar {
        Objects.requireNonNull(name, "name");
    }
}
