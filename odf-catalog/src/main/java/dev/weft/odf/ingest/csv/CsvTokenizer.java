package dev.weft.odf.ingest.csv;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;

/**
 * Splits CSV text into records in one streaming pass with a bounded buffer (it grows only to hold the longest
 * record). Handles quoted fields spanning lines, escapes and doubled quotes, and LF, CRLF or CR line ends; blank
 * lines are skipped. Errors name the source, line and column. Not thread-safe.
 */
public final class CsvTokenizer implements Closeable {
    private static final int INITIAL_BUFFER = 1 << 16;
    private static final int NEED_MORE = 0;
    private static final int RECORD = 1;

    private final Reader reader;
    private final String sourceName;
    private final CsvOptions options;
    private final CsvRecord record = new CsvRecord(this);
    private final StringBuilder scratch = new StringBuilder();

    private char[] buffer = new char[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    /** Line number (1-based) at {@link #pos}. */
    private long line = 1;
    /** Buffer index where the line containing {@link #pos} starts, for column numbers; may be negative. */
    private int lineStart;

    public CsvTokenizer(InputStream in, String sourceName, CsvOptions options) {
        this(new StrictDecodingReader(in, options.charset()), sourceName, options);
    }

    public CsvTokenizer(Reader reader, String sourceName, CsvOptions options) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.options = Objects.requireNonNull(options, "options");
    }

    public CsvOptions options() {
        return options;
    }

    public String sourceName() {
        return sourceName;
    }

    /**
     * Advances to the next non-blank record.
     *
     * @return the record, valid until the next call, or null at the end of the input
     * @throws WeftException with {@link ErrorCode#INVALID_DATA} for malformed quoting, or for bytes that are not valid
     *     in the charset when reading from an {@code InputStream}
     */
    public CsvRecord next() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return null;
            }
            final int recordStart = pos;
            final long recordLine = line;
            final int recordLineStart = lineStart;
            if (parseRecord() == RECORD) {
                if (record.count == 1 && record.starts[0] == record.ends[0] && record.flags[0] == 0) {
                    continue;
                }
                return record;
            }
            pos = recordStart;
            line = recordLine;
            lineStart = recordLineStart;
            fill();
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    char[] buffer() {
        return buffer;
    }

    String unescape(int start, int end) {
        scratch.setLength(0);
        final int quote = options.quote();
        final char escape = options.escape();
        for (int i = start; i < end; i++) {
            final char c = buffer[i];
            if (i + 1 < end && (c == quote && buffer[i + 1] == quote
                    || c == escape && (buffer[i + 1] == quote || buffer[i + 1] == escape))) {
                scratch.append(buffer[++i]);
            } else {
                scratch.append(c);
            }
        }
        return scratch.toString();
    }

    /**
     * Moves the unread tail to the front of the buffer (growing it when the tail fills it) and reads more.
     *
     * @return false when nothing is left to read
     */
    private boolean fill() throws IOException {
        if (eof) {
            return pos < limit;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            lineStart -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        final int n;
        try {
            n = reader.read(buffer, limit, buffer.length - limit);
        } catch (UndecodableInputException e) {
            throw undecodableAtLimit(e);
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return pos < limit;
    }

    /**
     * The bad bytes come right after the last character read: finds their line and column by counting the line ends
     * from {@link #pos} on, as {@link #parseRecord} counts them.
     */
    private WeftException undecodableAtLimit(UndecodableInputException e) {
        long atLine = line;
        int atLineStart = lineStart;
        for (int p = pos; p < limit; p++) {
            final char c = buffer[p];
            if (c == '\n' || c == '\r' && (p + 1 >= limit || buffer[p + 1] != '\n')) {
                atLine++;
                atLineStart = p + 1;
            }
        }
        return error(atLine, limit - atLineStart + 1, e.getMessage());
    }

    private int parseRecord() {
        record.count = 0;
        record.line = line;
        final int quote = options.quote();
        final char separator = options.separator();
        final char escape = options.escape();
        int p = pos;
        while (true) {
            final int column = p - lineStart + 1;
            if (p >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                record.add(p, p, column, (byte) 0);
                return endRecord(p);
            }
            char c = buffer[p];
            if (c == quote) {
                final long fieldLine = line;
                final int contentStart = ++p;
                byte flag = 1;
                while (true) {
                    if (p >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        throw error(fieldLine, column, "unterminated quoted field");
                    }
                    c = buffer[p];
                    if (c == quote) {
                        if (p + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < limit && buffer[p + 1] == quote) {
                            flag |= 2;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == escape) {
                        if (p + 1 >= limit && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < limit && (buffer[p + 1] == quote || buffer[p + 1] == escape)) {
                            flag |= 2;
                            p += 2;
                            continue;
                        }
                    } else if (c == '\n' || c == '\r' && (p + 1 >= limit || buffer[p + 1] != '\n')) {
                        line++;
                        lineStart = p + 1;
                    }
                    p++;
                }
                record.add(contentStart, p, column, flag);
                p++;
                if (p >= limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    return endRecord(p);
                }
                c = buffer[p];
                if (c == separator) {
                    p++;
                    continue;
                }
                if (c != '\n' && c != '\r') {
                    throw error(line, p - lineStart + 1,
                            "unexpected character '" + c + "' after closing quote (expected separator or end of line)");
                }
            } else {
                final int fieldStart = p;
                while (p < limit && (c = buffer[p]) != separator && c != '\n' && c != '\r') {
                    p++;
                }
                if (p >= limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    record.add(fieldStart, p, column, (byte) 0);
                    return endRecord(p);
                }
                record.add(fieldStart, p, column, (byte) 0);
                if (c == separator) {
                    p++;
                    continue;
                }
            }
            if (buffer[p] == '\r') {
                if (p + 1 >= limit && !eof) {
                    return NEED_MORE;
                }
                p += p + 1 < limit && buffer[p + 1] == '\n' ? 2 : 1;
            } else {
                p++;
            }
            line++;
            lineStart = p;
            return endRecord(p);
        }
    }

    private int endRecord(int p) {
        pos = p;
        return RECORD;
    }

    private WeftException error(long atLine, int atColumn, String message) {
        return new WeftException(ErrorCode.INVALID_DATA, sourceName + ":" + atLine + ":" + atColumn + ": " + message);
    }
}
