package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link RowReader} on a thread of its own and hands its records over in chunks through a small bounded
 * queue, so that parsing input overlaps with writing and hashing the slice while memory stays bounded. A failure of
 * the reading thread is rethrown by {@link #next()}. Not thread-safe: one consumer.
 */
final class BackgroundRowReader implements RowReader {
    private static final int CHUNK_ROWS = 4096;
    private static final int QUEUED_CHUNKS = 4;
    private static final List<IngestRow> END = List.of();

    private final RowReader reader;
    private final IngestProgress progress;
    private final BlockingQueue<List<IngestRow>> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean cancelled;
    private List<IngestRow> chunk = List.of();
    private int position;
    private boolean ended;

    BackgroundRowReader(RowReader reader, IngestProgress progress) {
        this.reader = reader;
        this.progress = progress;
        this.thread = new Thread(this::produce, "weft-ingest-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<IngestColumn> dataColumns() {
        return reader.dataColumns();
    }

    @Override
    public IngestRow next() {
        while (position == chunk.size()) {
            if (ended) {
                return null;
            }
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeftException(ErrorCode.IO, "Interrupted while reading the input", e);
            }
            position = 0;
            if (chunk == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
            }
        }
        return chunk.get(position++);
    }

    /** Records read so far; exact once {@link #next()} returned null. */
    @Override
    public long recordsRead() {
        return reader.recordsRead();
    }

    @Override
    public long bytesRead() {
        return reader.bytesRead();
    }

    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
    }

    private void produce() {
        try {
            List<IngestRow> rows = new ArrayList<>(CHUNK_ROWS);
            for (IngestRow row = reader.next(); row != null && !cancelled; row = reader.next()) {
                rows.add(row);
                if (rows.size() == CHUNK_ROWS) {
                    if (!put(rows)) {
                        return;
                    }
                    progress.update(reader.bytesRead(), reader.recordsRead());
                    rows = new ArrayList<>(CHUNK_ROWS);
                }
            }
            if (!rows.isEmpty()) {
                put(rows);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            put(END);
        }
    }

    /** Waits for room unless the consumer went away; false when it did. */
    private boolean put(List<IngestRow> rows) {
        try {
            while (!cancelled) {
                if (queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
