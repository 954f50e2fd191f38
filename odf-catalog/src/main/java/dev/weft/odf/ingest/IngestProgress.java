package dev.weft.odf.ingest;

/** Receives progress of a long ingest: bytes and records read so far. Called on the thread reading the input. */
public interface IngestProgress {
    /** Reports nothing. */
    IngestProgress NONE = new IngestProgress() {
        @Override
        public void update(long bytes, long records) {}

        @Override
        public void finished(long bytes, long records) {}
    };

    /** Called every few thousand records while reading. */
    void update(long bytes, long records);

    /** Called once when all input has been read. */
    void finished(long bytes, long records);
}
