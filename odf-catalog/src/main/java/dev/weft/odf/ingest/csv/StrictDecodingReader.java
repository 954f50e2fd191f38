package dev.weft.odf.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Objects;

/**
 * Decodes bytes into characters, refusing bytes that are not valid in the charset instead of replacing them with
 * U+FFFD as {@link java.io.InputStreamReader} does. The characters before a bad sequence are returned first, and the
 * next read throws {@link UndecodableInputException}, so that the reader's caller knows exactly where the bad bytes
 * are. Decoding costs what {@code InputStreamReader} costs: the same decoder over the same kind of buffers. Not
 * thread-safe.
 */
final class StrictDecodingReader extends Reader {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder;
    /** Undecoded bytes, in read mode (from position to limit). */
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private boolean eof;
    private boolean flushed;
    private UndecodableInputException failure;
    /** The second char of a pair decoded for a one-char read. */
    private char pending;
    private boolean hasPending;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = Objects.requireNonNull(in, "in");
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        if (hasPending) {
            hasPending = false;
            target[offset] = pending;
            return 1;
        }
        if (length == 1) {
            // A character outside the BMP is two chars and cannot be decoded into one: decode into a pair and hand
            // out its second half on the next read.
            final char[] pair = new char[2];
            final int n = read(pair, 0, 2);
            if (n <= 0) {
                return n;
            }
            target[offset] = pair[0];
            if (n == 2) {
                pending = pair[1];
                hasPending = true;
            }
            return 1;
        }
        final CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            if (flushed) {
                break;
            }
            final CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                failure = undecodable(result.length());
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (eof) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                flushed = true;
                break;
            }
            if (out.position() > offset) {
                break;
            }
            fillBytes();
        }
        final int n = out.position() - offset;
        if (n == 0) {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fillBytes() throws IOException {
        bytes.compact();
        final int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private UndecodableInputException undecodable(int length) {
        final StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return new UndecodableInputException((length == 1 ? "byte " + hex + " is" : "bytes " + hex + " are")
                + " not valid " + decoder.charset().name());
    }
}
