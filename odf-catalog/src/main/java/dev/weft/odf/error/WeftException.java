package dev.weft.odf.error;

import java.util.Objects;

/** A user-facing failure with a code from {@link ErrorCode} and a message that names what is at fault. */
public class WeftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public WeftException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public WeftException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
