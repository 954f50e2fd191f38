package dev.weft.odf.ingest.csv;

import java.io.IOException;

/** Bytes that are not valid text in the input's charset, met by a {@link StrictDecodingReader}. */
final class UndecodableInputException extends IOException {
    private static final long serialVersionUID = 1L;

    UndecodableInputException(String message) {
        super(message);
    }
}
