package dev.weft.odf.yaml;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;

/** A manifest or YAML block that cannot be read; the message names the source, line, column and field path. */
public final class ManifestException extends WeftException {
    private static final long serialVersionUID = 1L;

    ManifestException(String message) {
        super(ErrorCode.INVALID_MANIFEST, message);
    }

    ManifestException(String message, Throwable cause) {
        super(ErrorCode.INVALID_MANIFEST, message, cause);
    }
}
