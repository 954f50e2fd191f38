package dev.weft.odf.model;

import java.util.Objects;

/** An HTTP header sent by a {@link FetchStep.Url} source; both components required. */
public record RequestHeader(String name, String value) {
    public RequestHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
