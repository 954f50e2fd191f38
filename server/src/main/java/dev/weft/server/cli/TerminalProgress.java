package dev.weft.server.cli;

import dev.weft.odf.ingest.IngestProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display (bytes, records, rate) redrawn in place on a terminal, at most four times a second. */
final class TerminalProgress implements IngestProgress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** Progress on {@code err} when the process runs on a terminal, otherwise nothing. */
    static IngestProgress forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : IngestProgress.NONE;
    }

    @Override
    public void update(long bytes, long records) {
        final long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(bytes, records, now);
        }
    }

    @Override
    public void finished(long bytes, long records) {
        if (drawn) {
            draw(bytes, records, System.nanoTime());
            err.print('\n');
            err.flush();
        }
    }

    private void draw(long bytes, long records, long now) {
        final double seconds = Math.max(1e-3, (now - started) / 1e9);
        err.print(String.format(Locale.ROOT, "\r  read %s, %,d records, %.1f MB/s   ", TextTable.bytes(bytes), records,
                bytes / seconds / 1e6));
        err.flush();
        drawn = true;
    }
}
